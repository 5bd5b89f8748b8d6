/* The acceptable-use agreement and other signed policies: shared between
 * the page groups (signing, compliance, administration) whose routes
 * aup.c lists. */
#ifndef STAFFROOM_AUP_H
#define STAFFROOM_AUP_H

#include "http/router.h"

#include <jansson.h>
#include <stdint.h>

/* Signing: /aup, /aup/{id}, /aup/sign, /aup/{id}/record, /aup/history (aup_sign.c). */
handler_fn aup_list, aup_version_page, aup_sign, aup_record, aup_history;
/* Signed (online or on paper, first or again for the year): the person's
 * notifications asking for this version are dealt with, and the reminder to
 * sign (/aup) too once nothing is left for them to sign (aup_sign.c). */
void aup_signed_notices(int64_t user_id, int64_t version_id);
/* Compliance: figures, CSV and reminders (aup_compliance.c). */
handler_fn aup_compliance_page, aup_compliance_csv, aup_remind;
/* Into one policy's compliance figures: how many still to sign it had signed
 * the version before, and for each outstanding person the latest earlier
 * version they signed (aup_previous.c). */
void compliance_previous(json_t *cur);
/* Paper signatures entered by a leader (aup_paper.c): the route; the
 * paper record of one signature {"paper_date","recorded_at","recorded_by"}
 * or JSON null; into one policy's figures, "paper_signatures". */
handler_fn aup_paper;
json_t *aup_paper_of(int64_t version_id, int64_t user_id);
void compliance_paper(json_t *cur);
/* Declines, "I do not agree" (aup_decline.c): the route; one person's
 * latest {"reason","declined_at"} made at or after since (NULL: any), or
 * JSON null; into one policy's figures, "declined_count" and, for leaders,
 * each outstanding person's decline. */
handler_fn aup_decline;
json_t *aup_decline_of(int64_t version_id, int64_t user_id, const char *since);
void compliance_declines(json_t *cur, int with_names);
/* Yearly re-acknowledgement (aup_renewal.c): into one policy's figures,
 * "renew_yearly", "renew_date", "renewal_count" and, for leaders,
 * "renewal_outstanding"; the policy's setting, POST /admin/policies/{id}. */
void compliance_renewals(json_t *cur, int with_names);
/* Of a current version cur (policy_current_versions), the people still to
 * sign it again this year: [{"user_id","email","name","department",
 * "staff_type","signed_at" (their latest signing, first or again),"days"
 * (since the renewal date),"why","declined_at","decline_reason" (a decline
 * made since the renewal date, or null)}], with
 * date set to this year's renewal date; NULL when the policy does not renew
 * yearly.  Shared by the page, the CSV and the reminders. */
json_t *renewal_outstanding(const json_t *cur, char date[11]);
handler_fn policy_renewal_set;
/* The day each year a policy is signed again from, as MM-DD, from a form's
 * renew_day and renew_month or the API's renew_from (1 September when
 * neither is sent): 0, or -1 with the problem refused in rp
 * (policy_renew_date.c). */
int renewal_from_args(struct request *rq, struct reply *rp, char out[6]);
/* Into a page's model m, for a form asking that day as a day and a month:
 * "renew_months" [{"value","name","chosen"}] and form.renew_day, from mmdd
 * unless a refused form sent its own. */
void renewal_date_fields(const struct request *rq, json_t *m, const char *mmdd);
/* A review date typed as a date or a term ("Michaelmas Term 2027"): 0 with
 * the date it stands for and, for a term, its words (else ""); -1 when it
 * is neither (policy_review.c). */
int review_due_parse(const char *in, char date[11], char words[40]);
/* Administration: policies and publishing versions (policy_admin.c). */
handler_fn policy_admin_list, policy_admin_create, policy_admin_page, policy_admin_publish;
/* Authorising a draft version, which publishes it (policy_authorise.c). */
handler_fn policy_authorise;
/* Who authorised a version: {"authorised_by","authoriser_name","job_title",
 * "meeting_date","minute_ref","authorised_on","recorded_at","recorded_by",
 * "by_headteacher","by_meeting"}, or JSON null (a draft, or published as stored). */
json_t *policy_authorisation(int64_t version_id);
/* The preview of a checked version, nothing written (policy_preview.c). */
void policy_preview(struct request *rq, struct reply *rp, const json_t *policy);

/* One version with its policy, or NULL: {"version_id","policy_id","title",
 * "applies_to","version","body","sha256","summary","effective","review_due",
 * "published_at","status" (draft|current|upcoming|superseded),"is_current",
 * "authorisation" (policy_authorisation)}. */
json_t *aup_version_load(int64_t version_id);
/* Why a draft cannot be signed, online or on paper: it is in force for
 * nobody until it is authorised (API.md, "a draft ... is never current,
 * upcoming or signable"). */
#define AUP_DRAFT_UNSIGNED "This version is a draft: it can be signed once it has been authorised."
/* Replaces the integer 0/1 member key by a JSON boolean, in one object or
 * in every object of an array. */
void aup_bool(json_t *rows, const char *key);
/* 503 with a message: the write could not be committed. */
/* The demo school's agreement, signatures and training (demo.c); 0 on success. */
int aup_demo(void);

#endif
