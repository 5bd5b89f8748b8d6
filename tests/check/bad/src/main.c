#include "features/beta/beta.c"
#include "features/alpha/alpha_internal.h"
