/* Writes an action with words, one without, and one made from a format. */
static void sign(struct request *rq, int paper)
{
	audit(rq, paper ? "aup.sign" : "aup.sign_unnamed", "1", "%s", "x");
	char *action = xasprintf("concern.%s", arg(rq, "action"));
	audit(rq, action, "ref", "%s", "");
}

static const struct field_spec form[] = {
	{ "action", F_CHOICE, 16, F_REQUIRED, "note|close", "What to do" },
};
