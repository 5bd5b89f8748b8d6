#include "features/alpha/alpha.h"
#include "features/alpha/alpha_internal.h"
#include <stdio.h>
