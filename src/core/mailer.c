/* The mail thread: sends what the outbox holds, one message at a time,
 * outside any transaction, then records the outcome.  A failure waits
 * base * 2^attempts (base 60 s, capped at six hours) before the next try;
 * after MAX_ATTEMPTS the message is marked failed and stays for the
 * administrator to see.  A message whose recipient has left, or may no
 * longer open what it links to, is never sent: it is marked failed with the
 * reason instead. */
#define _GNU_SOURCE
#include "core/mailer.h"
#include "core/audit_anchor.h"
#include "lib/config.h"
#include "db/db.h"
#include "lib/util.h"
#include "lib/json_get.h"
#include "lib/secret_file.h"

#include <curl/curl.h>
#include <pthread.h>
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define MAX_ATTEMPTS 8
#define BACKOFF_CAP (6 * 3600)
#define POLL_SECONDS 1
#define BATCH 20

static pthread_t thread;
static int running, stopping;
static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t wake = PTHREAD_COND_INITIALIZER;
static char *smtp_password;
static int64_t backoff_base = 60;
static mail_link_check *link_check;

void mailer_check_links(mail_link_check *check)
{
	link_check = check;
}

/* Plain SMTP is only for a relay on this machine: anywhere else the
 * connection must be upgraded with STARTTLS, or use smtps://. */
static int relay_is_loopback(void)
{
	CURLU *u = curl_url();
	char *host = NULL;
	int local = 0;
	if (curl_url_set(u, CURLUPART_URL, cfg.smtp_url, 0) == CURLUE_OK &&
	    curl_url_get(u, CURLUPART_HOST, &host, 0) == CURLUE_OK)
		local = strcmp(host, "localhost") == 0 || strncmp(host, "127.", 4) == 0 ||
			strcmp(host, "[::1]") == 0;
	curl_free(host);
	curl_url_cleanup(u);
	return local;
}

int mailer_prepare(void)
{
	if (!mail_enabled())
		return 0;
	if (strncmp(cfg.smtp_url, "smtp://", 7) != 0 && strncmp(cfg.smtp_url, "smtps://", 8) != 0) {
		fprintf(stderr,
			"staffroom: --smtp-url wants smtp://HOST:PORT or smtps://HOST:PORT\n");
		return 2;
	}
	if (!cfg.mail_from || !strchr(cfg.mail_from, '@') || strpbrk(cfg.mail_from, "\r\n<>")) {
		fprintf(stderr, "staffroom: --smtp-url needs --mail-from ADDRESS\n");
		return 2;
	}
	if (!cfg.base_url || (strncmp(cfg.base_url, "https://", 8) != 0 &&
			      strncmp(cfg.base_url, "http://", 7) != 0)) {
		fprintf(stderr, "staffroom: --smtp-url needs --base-url https://... for the links "
				"in e-mails\n");
		return 2;
	}
	if (cfg.smtp_password_file &&
	    !(smtp_password = secret_file_first_line("the mail relay's password file "
						     "(smtp_password_file)",
						     cfg.smtp_password_file)))
		return 1;
	const char *base =
		getenv("STAFFROOM_MAIL_RETRY_BASE"); /* tests: seconds instead of minutes */
	if (base && atoi(base) > 0)
		backoff_base = atoi(base);
	return curl_global_init(CURL_GLOBAL_DEFAULT) == CURLE_OK ? 0 : 1;
}

struct upload {
	const char *data;
	size_t len, off;
};

static size_t read_cb(char *out, size_t size, size_t n, void *arg)
{
	struct upload *u = arg;
	size_t want = size * n, left = u->len - u->off;
	if (want > left)
		want = left;
	memcpy(out, u->data + u->off, want);
	u->off += want;
	return want;
}

/* Stopping the server abandons a send in progress (it stays queued). */
static int progress_cb(void *arg, curl_off_t a, curl_off_t b, curl_off_t c, curl_off_t d)
{
	(void)arg, (void)a, (void)b, (void)c, (void)d;
	return __atomic_load_n(&stopping, __ATOMIC_SEQ_CST) ? 1 : 0;
}

/* RFC 2047 for a subject that is not plain ASCII (a school's name may not be). */
static char *encode_subject(const char *s)
{
	int ascii = 1;
	for (const unsigned char *p = (const unsigned char *)s; *p; p++)
		if (*p >= 0x80 || *p < 0x20)
			ascii = 0;
	if (ascii)
		return xstrdup(s);
	size_t len = strlen(s),
	       cap = sodium_base64_ENCODED_LEN(len, sodium_base64_VARIANT_ORIGINAL);
	char *b64 = xmalloc(cap);
	sodium_bin2base64(b64, cap, (const unsigned char *)s, len, sodium_base64_VARIANT_ORIGINAL);
	char *out = xasprintf("=?UTF-8?B?%s?=", b64);
	free(b64);
	return out;
}

/* The message: headers, a blank line, the body with CRLF line ends. */
static char *compose(const json_t *m, size_t *len)
{
	char date[64], mid[44];
	time_t t = now();
	struct tm tm;
	gmtime_r(&t, &tm);
	strftime(date, sizeof date, "%a, %d %b %Y %H:%M:%S +0000", &tm);
	random_token(mid);
	const char *domain = strchr(cfg.mail_from, '@') + 1;
	char *subject = encode_subject(json_str(m, "subject"));
	const char *body = json_str(m, "body");
	char *crlf = xmalloc(strlen(body) * 2 + 1), *o = crlf;
	for (const char *p = body; *p; p++) {
		if (*p == '\n')
			*o++ = '\r';
		*o++ = *p;
	}
	*o = 0;
	char *msg = xasprintf(
		"Date: %s\r\nFrom: staffroom <%s>\r\nTo: <%s>\r\nSubject: %s\r\nMessage-ID: "
		"<%s@%s>\r\n"
		"MIME-Version: 1.0\r\nContent-Type: text/plain; charset=utf-8\r\n"
		"Content-Transfer-Encoding: 8bit\r\nAuto-Submitted: auto-generated\r\n\r\n%s",
		date, cfg.mail_from, json_str(m, "to_addr"), subject, mid, domain, crlf);
	free(subject);
	free(crlf);
	*len = strlen(msg);
	return msg;
}

/* CURLE_OK sent; otherwise the reason in err, and *connected whether the
 * relay answered at all. */
static CURLcode send_one(const json_t *m, char err[CURL_ERROR_SIZE], int *connected)
{
	size_t len;
	char *msg = compose(m, &len);
	struct upload up = { msg, len, 0 };
	char *from = xasprintf("<%s>", cfg.mail_from);
	char *to = xasprintf("<%s>", json_str(m, "to_addr"));
	struct curl_slist *rcpt = curl_slist_append(NULL, to);
	CURL *c = curl_easy_init();
	err[0] = 0;
	curl_easy_setopt(c, CURLOPT_URL, cfg.smtp_url);
	curl_easy_setopt(c, CURLOPT_PROTOCOLS_STR, "smtp,smtps");
	curl_easy_setopt(c, CURLOPT_USE_SSL,
			 relay_is_loopback() ? (long)CURLUSESSL_TRY : (long)CURLUSESSL_ALL);
	if (cfg.smtp_user)
		curl_easy_setopt(c, CURLOPT_USERNAME, cfg.smtp_user);
	if (smtp_password)
		curl_easy_setopt(c, CURLOPT_PASSWORD, smtp_password);
	curl_easy_setopt(c, CURLOPT_MAIL_FROM, from);
	curl_easy_setopt(c, CURLOPT_MAIL_RCPT, rcpt);
	curl_easy_setopt(c, CURLOPT_READFUNCTION, read_cb);
	curl_easy_setopt(c, CURLOPT_READDATA, &up);
	curl_easy_setopt(c, CURLOPT_UPLOAD, 1L);
	curl_easy_setopt(c, CURLOPT_NOSIGNAL, 1L);
	curl_easy_setopt(c, CURLOPT_CONNECTTIMEOUT, 15L);
	curl_easy_setopt(c, CURLOPT_TIMEOUT, 60L);
	curl_easy_setopt(c, CURLOPT_ERRORBUFFER, err);
	curl_easy_setopt(c, CURLOPT_XFERINFOFUNCTION, progress_cb);
	curl_easy_setopt(c, CURLOPT_NOPROGRESS, 0L);
	CURLcode rc = curl_easy_perform(c);
	if (rc != CURLE_OK && !err[0])
		copy_str(err, CURL_ERROR_SIZE, curl_easy_strerror(rc));
	curl_off_t connect_us = 0;
	*connected = curl_easy_getinfo(c, CURLINFO_CONNECT_TIME_T, &connect_us) == CURLE_OK &&
		     connect_us > 0;
	curl_easy_cleanup(c);
	curl_slist_free_all(rcpt);
	free(from);
	free(to);
	free(msg);
	return rc;
}

/* The relay could not be found, reached or heard from in time: every other
 * message would wait as long again (15 s to connect), so all that are due
 * wait out the first back-off with it, and the relay is tried once a
 * back-off, not once a message.  No attempt is counted: the fault is the
 * school's relay, not the message's, and a relay down for a weekend must not
 * turn every e-mail queued meanwhile into a failure (the administrator is
 * told, admin_mail.c).  A refusal of one message (a 4xx or 5xx reply) says
 * nothing of the others, and counts. */
static int relay_unreachable(CURLcode rc, int connected)
{
	/* A time-out after the relay answered is this message's (a DATA phase
	 * that stalls): it counts, or one message would hold up all the rest. */
	return rc == CURLE_COULDNT_RESOLVE_HOST || rc == CURLE_COULDNT_CONNECT ||
	       (rc == CURLE_OPERATION_TIMEDOUT && !connected);
}

/* Every message due is tried again after the first back-off, as often as
 * the relay stays away. */
static void record_unreachable(const char *err)
{
	int64_t t = now();
	if (db_begin() != 0)
		return;
	char *why = xasprintf(MAIL_UNREACHABLE "%s", err);
	db_exec("UPDATE outbox SET next_attempt_at = ?, last_error = ? WHERE status = 'queued' "
		"AND next_attempt_at <= ?",
		"ItI", t + backoff_base, why, t);
	free(why);
	if (db_commit() != 0)
		fputs("staffroom: could not record that the mail relay cannot be reached\n",
		      stderr);
}

static void record(int64_t id, int64_t attempts, int ok, const char *err)
{
	char at[ISO_LEN];
	iso_now(at);
	if (db_begin() != 0)
		return;
	if (ok) {
		db_exec("UPDATE outbox SET status = 'sent', sent_at = ?, attempts = ?, last_error "
			"= '' WHERE id = ?",
			"tII", at, attempts, id);
		db_exec("UPDATE notifications SET emailed_at = ? WHERE id = (SELECT "
			"notification_id FROM outbox WHERE id = ?)",
			"tI", at, id);
	} else {
		int64_t wait = attempts >= 20 ? BACKOFF_CAP : backoff_base << (attempts - 1);
		if (wait > BACKOFF_CAP)
			wait = BACKOFF_CAP;
		db_exec("UPDATE outbox SET status = ?, attempts = ?, next_attempt_at = ?, "
			"last_error = ? WHERE id = ?",
			"tIItI", attempts >= MAX_ATTEMPTS ? "failed" : "queued", attempts,
			(int64_t)now() + wait, err, id);
	}
	if (db_commit() != 0)
		fprintf(stderr, "staffroom: could not record the outcome of e-mail %lld\n",
			(long long)id);
}

/* Whether message id, still queued, may go now: 1 yes, 0 no (why says
 * why), -1 it is no longer queued.  Asked just before each send, not when
 * the batch is read: a relay that was down may have held it for hours, in
 * which the person left, or lost the role that let them open the concern it
 * links to, and neither a leaver nor a former DSL may be e-mailed about it. */
static int still_wanted(int64_t id, const char **why)
{
	json_t *r = db_row("SELECT o.user_id, o.user_id IS NOT NULL AND coalesce(u.active, 0) "
			   "!= 1 AS gone, n.link FROM outbox o LEFT JOIN users u ON u.id = "
			   "o.user_id LEFT JOIN notifications n ON n.id = o.notification_id "
			   "WHERE o.id = ? AND o.status = 'queued'",
			   "I", id);
	if (!r)
		return -1;
	const char *link = json_str(r, "link");
	int ok = 1;
	if (json_int(r, "gone")) {
		*why = "Not sent: the recipient is no longer an active member of staff.";
		ok = 0;
	} else if (link && link[0] && link_check && !link_check(json_int(r, "user_id"), link)) {
		*why = "Not sent: the recipient may no longer open what it links to.";
		ok = 0;
	}
	json_decref(r);
	return ok;
}

/* Keeps the message, marked failed with the reason, for the administrator
 * to see; a one-time link's text is removed by the outbox_one_time trigger. */
static void drop(int64_t id, const char *why)
{
	if (db_begin() != 0)
		return;
	db_exec("UPDATE outbox SET status = 'failed', last_error = ? WHERE id = ? AND status = "
		"'queued'",
		"tI", why, id);
	if (db_commit() != 0)
		fprintf(stderr, "staffroom: could not record that e-mail %lld is not sent\n",
			(long long)id);
}

static void send_due(void)
{
	json_t *due =
		db_rows("SELECT id, to_addr, subject, body, attempts FROM outbox "
			"WHERE status = 'queued' AND next_attempt_at <= ? ORDER BY id LIMIT ?",
			"Ii", (int64_t)now(), BATCH);
	size_t i;
	json_t *m;
	json_array_foreach(due, i, m) {
		const char *why = NULL;
		int wanted = still_wanted(json_int(m, "id"), &why);
		if (wanted <= 0) {
			if (wanted == 0)
				drop(json_int(m, "id"), why);
			continue;
		}
		char err[CURL_ERROR_SIZE];
		int connected = 0;
		CURLcode rc = send_one(m, err, &connected);
		int ok = rc == CURLE_OK;
		if (!ok && __atomic_load_n(&stopping, __ATOMIC_SEQ_CST))
			break; /* abandoned, not failed: no attempt is counted */
		if (relay_unreachable(rc, connected)) {
			record_unreachable(err);
			break;
		}
		record(json_int(m, "id"), json_int(m, "attempts") + 1, ok, err);
		if (__atomic_load_n(&stopping, __ATOMIC_SEQ_CST))
			break;
	}
	json_decref(due);
}

static void *mail_loop(void *arg)
{
	(void)arg;
	pthread_mutex_lock(&lock);
	while (!stopping) {
		pthread_mutex_unlock(&lock);
		db_statistics_reload(); /* as each request does */
		audit_anchor_daily();
		db_wal_truncate_owed();
		if (mail_enabled())
			send_due();
		pthread_mutex_lock(&lock);
		if (stopping)
			break;
		struct timespec until;
		clock_gettime(CLOCK_REALTIME, &until);
		until.tv_sec += POLL_SECONDS;
		pthread_cond_timedwait(&wake, &lock, &until);
	}
	pthread_mutex_unlock(&lock);
	db_close_thread();
	return NULL;
}

void mailer_run_once(void)
{
	audit_anchor_daily();
	db_wal_truncate_owed();
	if (mail_enabled())
		send_due();
}

/* The thread runs even without a relay: it also writes the audit log's
 * daily anchor. */
int mailer_start(void)
{
	if (pthread_create(&thread, NULL, mail_loop, NULL) != 0)
		return -1;
	running = 1;
	return 0;
}

void mailer_stop(void)
{
	if (!running)
		return;
	pthread_mutex_lock(&lock);
	__atomic_store_n(&stopping, 1, __ATOMIC_SEQ_CST);
	pthread_cond_signal(&wake);
	pthread_mutex_unlock(&lock);
	pthread_join(thread, NULL);
	running = 0;
	if (smtp_password) {
		sodium_memzero(smtp_password, strlen(smtp_password));
		free(smtp_password);
	}
	if (mail_enabled())
		curl_global_cleanup();
}
