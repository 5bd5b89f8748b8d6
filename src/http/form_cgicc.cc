// cgicc reads its input through a CgiInput: given here the body already read
// (its size checked against the limits) and the few variables it asks for.
#include "http/form_cgicc.h"

#include <cgicc/CgiInput.h>
#include <cgicc/Cgicc.h>

#include <cstring>
#include <string>

namespace {

class BufferInput : public cgicc::CgiInput {
public:
	BufferInput(int is_query, const char *ctype, const char *data, size_t len)
		: query_(is_query), ctype_(ctype ? ctype : ""), data_(data), len_(len) {}

	size_t read(char *out, size_t n) override
	{
		size_t take = n < len_ - pos_ ? n : len_ - pos_;
		if (take)
			std::memcpy(out, data_ + pos_, take);
		pos_ += take;
		return take;
	}

	std::string getenv(const char *name) override
	{
		std::string v(name);
		if (v == "REQUEST_METHOD")
			return query_ ? "GET" : "POST";
		if (v == "QUERY_STRING")
			return query_ ? std::string(data_, len_) : "";
		if (v == "CONTENT_TYPE")
			return query_ ? "" : ctype_;
		if (v == "CONTENT_LENGTH")
			return query_ ? "0" : std::to_string(len_);
		return "";
	}

private:
	int query_;
	std::string ctype_;
	const char *data_;
	size_t len_, pos_ = 0;
};

int pass_on(const struct form_sink *sink, const cgicc::Cgicc &cgi)
{
	for (const cgicc::FormEntry &e : *cgi) {
		const std::string &name = e.getName(), &value = e.getValue();
		if (sink->field(sink->ctx, name.data(), name.size(), value.data(), value.size()) !=
		    0)
			return FORM_STOPPED;
	}
	for (const cgicc::FormFile &f : cgi.getFiles()) {
		const std::string &data = f.getData();
		if (sink->file(sink->ctx, f.getName().c_str(), f.getFilename().c_str(), data.data(),
			       data.size()) != 0)
			return FORM_STOPPED;
	}
	return FORM_OK;
}

} // namespace

extern "C" int form_cgicc_parse(const struct form_sink *sink, int is_query,
				const char *content_type, const char *body, size_t len)
{
	try {
		BufferInput in(is_query, content_type, body ? body : "", body ? len : 0);
		cgicc::Cgicc cgi(&in);
		return pass_on(sink, cgi);
	} catch (...) {
		return FORM_UNREADABLE;
	}
}
