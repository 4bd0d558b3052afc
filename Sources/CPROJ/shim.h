#ifndef CORRIDOR_CPROJ_SHIM_H
#define CORRIDOR_CPROJ_SHIM_H
#include <proj.h>
// Karney's geodesic routines ship inside libproj.
#include <geodesic.h>
#endif
