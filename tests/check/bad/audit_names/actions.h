/* A list with words for one action the bad source writes, and one it does not. */
#define AUDIT_ACTION_LIST(X) X("aup.sign", "Agreement signed") X("aup.unused", "Never written")
