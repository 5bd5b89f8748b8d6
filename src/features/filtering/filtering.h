/* The filtering record: requests to block or unblock a site, the decisions
 * on them, the checks and the yearly review of filtering and monitoring,
 * and the senior leader and governor responsible for them.  Nothing here
 * is needed by another feature; the registry names filtering_feature. */
#ifndef STAFFROOM_FILTERING_H
#define STAFFROOM_FILTERING_H

#include "http/feature.h"

extern const struct feature filtering_feature;

#endif
