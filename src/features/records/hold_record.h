/* The record a legal hold is asked for, as a person types it (hold_record.c). */
#ifndef STAFFROOM_HOLD_RECORD_H
#define STAFFROOM_HOLD_RECORD_H

#include <stdint.h>

/* The record of the type typed: its number as the review lists it, or for a
 * concern its reference ("C-2026-000001"), *by_reference then set.  The id,
 * 0 for a reference no concern has, -1 for neither a number nor a
 * reference. */
int64_t hold_record_id(const char *type, const char *typed, int *by_reference);

#endif
