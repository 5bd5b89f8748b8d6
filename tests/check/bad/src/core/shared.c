#include "features/alpha/alpha.h"
