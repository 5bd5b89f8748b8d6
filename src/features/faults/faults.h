/* Damage and faults in equipment and software, reported by anyone signed
 * in and dealt with by the network manager.  The registry names
 * faults_feature. */
#ifndef STAFFROOM_FAULTS_H
#define STAFFROOM_FAULTS_H

#include "http/feature.h"

extern const struct feature faults_feature;

#endif
