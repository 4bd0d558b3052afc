#ifndef CORRIDOR_CGDAL_SHIM_H
#define CORRIDOR_CGDAL_SHIM_H
#include <gdal.h>
#include <ogr_api.h>
#include <ogr_srs_api.h>
#include <cpl_conv.h>
#include <cpl_error.h>
#include <cpl_string.h>
#include <cpl_vsi.h>
/* GDAL exports its SHA-256 (port/cpl_sha256.h) but Debian does not install that header. */
CPL_C_START
void CPL_SHA256(const void *data, size_t len, GByte hash[32]);
CPL_C_END
#endif
