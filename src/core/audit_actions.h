/* What each audit log action means, in the words the audit page shows:
 * X(code, words).  The log stores the code (filters, exports and the hash
 * chain keep it); `make check` (tools/check_audit_names.py) fails when code
 * in src/ writes an action that has no words here. */
#ifndef STAFFROOM_AUDIT_ACTIONS_H
#define STAFFROOM_AUDIT_ACTIONS_H

#define AUDIT_SIGNIN_ACTIONS(X)                                                           \
	X("login", "Signed in")                                                           \
	X("login.failed", "Sign-in refused")                                              \
	X("login.password_ok", "Password accepted, code still to enter")                  \
	X("login.second_factor", "Signed in with a two-factor code")                      \
	X("login.code_failed", "Wrong two-factor code")                                   \
	X("login.oidc_ok", "Signed in with the school's Microsoft or Google account")     \
	X("logout", "Signed out")                                                         \
	X("session.end", "Ended one of their other sessions")                             \
	X("session.end_others", "Ended all their other sessions")                         \
	X("session.end_person", "Signed a person out everywhere")                         \
	X("session.end_everyone", "Signed everyone out")                                  \
	X("session.end_password", "Password sessions ended: passwords turned off")        \
	X("password.invite", "Invitation to set a password")                              \
	X("password.reset_sent", "Password reset link sent")                              \
	X("password.link_used", "Password set from a link")                               \
	X("password.reset_refused", "Password reset refused")                             \
	X("2fa.enrol", "Two-factor sign-in turned on")                                    \
	X("2fa.remove", "Two-factor sign-in turned off")                                  \
	X("2fa.recovery_codes", "New two-factor recovery codes")                          \
	X("2fa.reset", "Two-factor sign-in reset by an administrator")

#define AUDIT_STAFF_ACTIONS(X)                                                            \
	X("staff.add", "Person added")                                                    \
	X("staff.edit", "Person's details changed")                                       \
	X("staff.roles", "Roles changed")                                                 \
	X("staff.role_grant_told", "Leaders told of a new role")                          \
	X("staff.password", "Password set by an administrator")                           \
	X("staff.deactivate", "Person left the school")                                   \
	X("staff.reactivate", "Person back at the school")                                \
	X("staff.leaving_date", "Leaving date set")                                       \
	X("staff.leaving_cancelled", "Leaving date cancelled")                            \
	X("staff.sync", "Staff list imported")                                            \
	X("staff.sync_update", "Details updated from the staff list")                     \
	X("settings.change", "Settings changed")                                          \
	X("settings.closure_add", "Closure day added")                                    \
	X("settings.closure_remove", "Closure day removed")                               \
	X("mail.retry", "Failed e-mails sent again")                                      \
	X("routing.change", "Who receives concerns changed")                              \
	X("audit.keyed", "Audit log chain started")                                       \
	X("database.restore", "Database restored from a backup")                          \
	X("audit.anchor_new", "New audit anchor file started in place of a lost one")     \
	X("audit.view", "Audit log read")                                                 \
	X("access.refused", "Refused: not allowed, or no such record")                    \
	X("export.download", "File downloaded")

#define AUDIT_POLICY_ACTIONS(X)                                                           \
	X("aup.sign", "Agreement signed")                                                 \
	X("aup.sign_paper", "Paper signature entered")                                    \
	X("aup.decline", "Agreement declined")                                            \
	X("aup.remind", "Reminder to sign sent")                                          \
	X("policy.create", "Policy added")                                                \
	X("policy.publish", "New version saved as a draft")                               \
	X("policy.authorise", "Version authorised")                                       \
	X("policy.renewal", "Yearly signing changed")                                     \
	X("course.add", "Training course added")                                          \
	X("training.record", "Training recorded")                                         \
	X("training.import", "Training records imported")

#define AUDIT_CONCERN_ACTIONS(X)                                                          \
	X("concern.report", "Concern reported")                                           \
	X("concern.view", "Concern opened")                                               \
	X("concern.acknowledge", "Concern acknowledged")                                  \
	X("concern.note", "Note added to a concern")                                      \
	X("concern.assign", "Concern assigned")                                           \
	X("concern.status", "Concern's status changed")                                   \
	X("concern.escalate", "Concern escalated")                                        \
	X("concern.close", "Concern closed")                                              \
	X("concern.reopen", "Concern reopened")                                           \
	X("concern.threshold", "Harm threshold decided")                                  \
	X("concern.copy_given", "Copy of the record given")                               \
	X("concern.device", "Device action recorded")                                     \
	X("concern.ico_decision", "Decision on telling the ICO")                          \
	X("concern.step", "Policy step recorded on a concern")                            \
	X("concern.pattern_view", "Pattern of concerns viewed")                           \
	X("evidence.download", "Evidence downloaded")                                     \
	X("upload.malware", "Upload refused: a virus or malware found in it")             \
	X("sar.record", "Subject access request recorded")                                \
	X("sar.export", "Subject access copy made")                                       \
	X("sar.close", "Subject access request closed")                                   \
	X("retention.delete", "Record deleted at the end of its retention")               \
	X("retention.hold", "Legal hold placed")                                          \
	X("retention.release", "Legal hold released")

#define AUDIT_ACCOUNT_ACTIONS(X)                                                          \
	X("account.apply", "Account applied for")                                         \
	X("account.resubmit", "Application changed")                                      \
	X("account.withdraw", "Application withdrawn")                                    \
	X("account.forward", "Application forwarded for a decision")                      \
	X("account.return", "Application returned for changes")                           \
	X("account.approve", "Account approved")                                          \
	X("account.reject", "Application rejected")                                       \
	X("account.register", "Existing account registered")                              \
	X("account.edit", "Account's details changed")                                    \
	X("account.transfer", "Account handed to a new lead")                             \
	X("account.close", "Account closed")                                              \
	X("account.review", "Account reviewed")                                           \
	X("account.check", "Account checked")                                             \
	X("account.contributor_add", "Contributor added")                                 \
	X("account.contributor_remove", "Contributor removed")                            \
	X("account.contributor_training", "Contributor's training recorded")              \
	X("account.contributor_paper", "Contributor's new paper signature recorded")      \
	X("account.paper_scan_download", "Paper signature scan downloaded")               \
	X("account.credentials_set", "Account's password stored")                         \
	X("account.credentials_reveal", "Account's password revealed")                    \
	X("account.credentials_reveal_failed", "Account's password could not be read")    \
	X("account.credentials_reveal_refused", "Password reveal refused")                \
	X("account.password_changed", "Account's password changed")                       \
	X("account.item", "Message or comment logged")                                    \
	X("account.item_answer", "Message or comment answered")                           \
	X("account.moderation", "Comment moderated")                                      \
	X("account.mistake", "Mistake recorded")                                          \
	X("account.mistake_resolve", "Mistake put right")                                 \
	X("account.post_submit", "Post sent for sign-off")                                \
	X("account.post_resubmit", "Post changed and sent again")                         \
	X("account.post_decide", "Post signed off or returned")                           \
	X("account.do_not_publish_add", "Pupil added to the do-not-publish list")         \
	X("account.do_not_publish_remove", "Pupil removed from the do-not-publish list")  \
	X("account.do_not_film_add", "Adult added to the do-not-publish list")            \
	X("account.do_not_film_remove", "Adult removed from the do-not-publish list")     \
	X("account.do_not_film_ask", "Asked not to be filmed or photographed")            \
	X("account.do_not_film_withdraw", "Withdrew asking not to be filmed or photographed")

#define AUDIT_CONDUCT_ACTIONS(X)                                                          \
	X("declaration.add", "Declaration made")                                          \
	X("declaration.acknowledge", "Declaration acknowledged")                          \
	X("declaration.renew", "Declaration renewed")                                     \
	X("declaration.end", "Declaration ended")                                         \
	X("conduct.self_check", "Self-check done")                                        \
	X("conduct.images", "Images on a personal device recorded")                       \
	X("conduct.images_cleared", "Images transferred and deleted")                     \
	X("exception.request", "Exception requested")                                     \
	X("exception.decide", "Exception decided")                                        \
	X("exception.decider", "Who decides exceptions changed")                          \
	X("service.approve", "Service approved")                                          \
	X("service.review", "Service reviewed")                                           \
	X("service.withdraw", "Service withdrawn")                                        \
	X("lesson.authorise", "Lesson access authorised")                                 \
	X("filtering.request", "Filtering change requested")                              \
	X("filtering.decide", "Filtering change decided")                                 \
	X("filtering.check", "Filtering check recorded")                                  \
	X("filtering.people", "Filtering leader and governor named")                      \
	X("fault.report", "Fault reported")                                               \
	X("fault.decide", "Fault dealt with")

#define AUDIT_ACTION_LIST(X)                                                          \
	AUDIT_SIGNIN_ACTIONS(X) AUDIT_STAFF_ACTIONS(X) AUDIT_POLICY_ACTIONS(X)          \
	AUDIT_CONCERN_ACTIONS(X) AUDIT_ACCOUNT_ACTIONS(X) AUDIT_CONDUCT_ACTIONS(X)

#endif
