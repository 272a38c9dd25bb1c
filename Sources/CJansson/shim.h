#ifndef ASSAY_CJANSSON_SHIM_H
#define ASSAY_CJANSSON_SHIM_H
#include <jansson.h>

// jansson's reference counting is done by static inline functions and macros, which Swift cannot
// always import; these wrappers give Swift a callable symbol for each.
static inline void assay_json_decref(json_t *json) { json_decref(json); }
static inline json_t *assay_json_incref(json_t *json) { return json_incref(json); }
static inline int assay_json_typeof(const json_t *json) { return (int)json_typeof(json); }
#endif
