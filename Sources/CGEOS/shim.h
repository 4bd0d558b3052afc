#ifndef CORRIDOR_CGEOS_SHIM_H
#define CORRIDOR_CGEOS_SHIM_H
// Only the reentrant (_r) API: every call takes a per-thread context handle.
#define GEOS_USE_ONLY_R_API
#include <geos_c.h>
#endif
