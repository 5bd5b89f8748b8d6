/* The credential vault: account credentials sealed with XChaCha20-Poly1305
 * under the key file, a fresh random nonce for every write, and the
 * account's id as associated data so that a sealed box moved to another
 * account no longer opens. */
#ifndef STAFFROOM_VAULT_H
#define STAFFROOM_VAULT_H

#include <sodium.h>
#include <stddef.h>
#include <stdint.h>

#define VAULT_NONCE_BYTES crypto_aead_xchacha20poly1305_ietf_NPUBBYTES

/* Seals plain for the account: box is malloc'd (len + ABYTES).  0, or -1 when the key cannot be
 * read. */
int vault_seal(int64_t account_id, const char *plain, size_t len,
	       unsigned char nonce[VAULT_NONCE_BYTES], unsigned char **box, size_t *box_len);
/* Opens a box: a malloc'd NUL-terminated plaintext (free it with vault_free), or NULL when the key
 * is missing or wrong, or the box was altered or belongs to another account. */
char *vault_open(int64_t account_id, const unsigned char *nonce, size_t nonce_len,
		 const unsigned char *box, size_t box_len);
/* The same with any associated data ("totp:<user id>" for second factors). */
int vault_seal_ad(const char *ad, const char *plain, size_t len,
		  unsigned char nonce[VAULT_NONCE_BYTES], unsigned char **box, size_t *box_len);
char *vault_open_ad(const char *ad, const unsigned char *nonce, size_t nonce_len,
		    const unsigned char *box, size_t box_len);
/* Wipes and frees a plaintext from vault_open. */
void vault_free(char *plain);

#endif
