/* The list of features may include no feature's private header. */
#include "core/shared.h"
#include "features/alpha/alpha_internal.h"
