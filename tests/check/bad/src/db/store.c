#include "db/store.h"
#include "../lib/helper.h"
#include "helper.h"
