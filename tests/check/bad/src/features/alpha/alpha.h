/* Alpha's public header. */
#include "core/shared.h"
