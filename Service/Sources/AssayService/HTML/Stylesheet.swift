/// The form's one stylesheet, served from `/assets/form.css` (the Content-Security-Policy allows no inline style).
///
/// One column, readable at 390 px; the focus ring is never removed; an answer with a problem gets a thick left
/// border as well as colour, so it is seen without colour vision.
let formStylesheet = """
    *, *::before, *::after { box-sizing: border-box; }
    body { margin: 0; font: 17px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, "DejaVu Sans", sans-serif; color: #1b1b1b; background: #fff; }
    main { max-width: 46rem; margin: 0 auto; padding: 1rem; }
    h1 { font-size: 1.6rem; line-height: 1.25; margin: 0.5rem 0; }
    h2 { font-size: 1.25rem; margin: 2rem 0 0.75rem; border-bottom: 2px solid #d0d7de; padding-bottom: 0.25rem; }
    .organisation { color: #454545; margin-top: 0; }
    nav.languages ul { list-style: none; padding: 0; display: flex; gap: 1rem; }
    .status { border-left: 6px solid #1a7f37; background: #eef8f0; padding: 0.75rem 1rem; }
    .error-summary { border: 4px solid #b3261e; padding: 0.75rem 1rem; margin: 1rem 0; }
    .error-summary h2 { margin-top: 0; border: 0; }
    .error-summary a { color: #b3261e; font-weight: 600; }
    fieldset.question { border: 1px solid #d0d7de; border-radius: 6px; margin: 0 0 1.25rem; padding: 0.75rem 1rem 1rem; min-width: 0; }
    fieldset.question.invalid { border-left: 8px solid #b3261e; }
    legend { font-weight: 600; padding: 0 0.25rem; max-width: 100%; }
    .help { color: #454545; margin: 0.25rem 0 0.75rem; }
    .error { color: #b3261e; font-weight: 600; margin: 0.25rem 0 0.75rem; }
    .option { display: flex; gap: 0.6rem; align-items: flex-start; margin: 0.4rem 0; }
    .option input { width: 1.35rem; height: 1.35rem; margin-top: 0.15rem; flex: none; }
    .option label { flex: 1; }
    .descriptor { display: block; color: #454545; font-size: 0.92rem; }
    .field { display: block; margin-top: 0.75rem; font-size: 0.95rem; }
    textarea, input[type=text] { width: 100%; font: inherit; padding: 0.4rem; border: 1px solid #6e7781; border-radius: 4px; }
    textarea { min-height: 3.2rem; }
    button { font: inherit; font-weight: 600; padding: 0.6rem 1.2rem; border-radius: 6px; border: 2px solid #0b5394; background: #0b5394; color: #fff; cursor: pointer; min-height: 44px; }
    button.secondary { background: #fff; color: #0b5394; }
    :focus-visible { outline: 3px solid #f2a900; outline-offset: 2px; }
    .submit { margin-top: 2rem; border-top: 2px solid #d0d7de; padding-top: 1rem; }
    .plain { padding-top: 3rem; }
    @media (max-width: 600px) { main { padding: 0.75rem; } button { width: 100%; } }
    """
