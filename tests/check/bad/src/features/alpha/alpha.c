#include "features/alpha/alpha_internal.h"
#include "db/store.h"
