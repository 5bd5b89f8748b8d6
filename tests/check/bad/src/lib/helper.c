#include "lib/helper.h"
#include "core/shared.h"
