/* What each member of staff records about their own conduct: images taken
 * on their own device until transferred and deleted, and declarations of
 * connections and personal accounts.  Nothing here is
 * needed by another feature; the registry names conduct_feature. */
#ifndef STAFFROOM_CONDUCT_H
#define STAFFROOM_CONDUCT_H

#include "http/feature.h"

extern const struct feature conduct_feature;

#endif
