/* Permissions the policies ask staff to get in advance: exceptions to the
 * rules, the register of services approved for use with pupils, and the
 * lessons a teacher authorises a service in.  Nothing here is needed by
 * another feature; the registry names permissions_feature. */
#ifndef STAFFROOM_PERMISSIONS_H
#define STAFFROOM_PERMISSIONS_H

#include "http/feature.h"

extern const struct feature permissions_feature;

#endif
