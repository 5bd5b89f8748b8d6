#include "router.h"
const struct route retention_routes[] = {{NULL}};
