// cgicc reads its input through a CgiInput: given here the body already read
// (its size and its framing checked by the exchange) and the few variables
// it asks for.
#include "http/form_cgicc.h"

#include <cgicc/CgiInput.h>
#include <cgicc/Cgicc.h>

#include <cstring>
#include <string>

namespace {

class BufferInput : public cgicc::CgiInput {
public:
	BufferInput(int is_query, const char *boundary, const char *data, size_t len)
		: query_(is_query), data_(data), len_(len)
	{
		if (!boundary) {
			semicolons_escaped();
			return;
		}
		ctype_ = std::string("multipart/form-data; boundary=") + boundary;
		/* cgicc finds the last part only before "--BOUNDARY--\r\n", and
		 * RFC 2046 makes that line break optional: it is given here when
		 * the body ends without it. */
		if (len < 2 || data[len - 2] != '\r' || data[len - 1] != '\n')
			tail_ = "\r\n";
	}

	size_t read(char *out, size_t n) override
	{
		size_t got = 0;
		if (pos_ < len_) {
			got = n < len_ - pos_ ? n : len_ - pos_;
			std::memcpy(out, data_ + pos_, got);
			pos_ += got;
		}
		while (got < n && pos_ - len_ < tail_.size()) /* pos_ >= len_ here */
			out[got++] = tail_[pos_++ - len_];
		return got;
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
			return query_ ? "0" : std::to_string(len_ + tail_.size());
		return "";
	}

private:
	/* cgicc ends a field's value at a ';' as well as at a '&' (HTML 4's
	 * advice for addresses); libmicrohttpd and the URL standard keep it in
	 * the value.  Written "%3B", it is read as the embedded server reads it. */
	void semicolons_escaped()
	{
		if (!std::memchr(data_, ';', len_))
			return;
		for (size_t i = 0; i < len_; i++)
			if (data_[i] == ';')
				escaped_ += "%3B";
			else
				escaped_ += data_[i];
		data_ = escaped_.data();
		len_ = escaped_.size();
	}

	int query_;
	std::string ctype_ = "application/x-www-form-urlencoded", tail_, escaped_;
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
				const char *boundary, const char *body, size_t len)
{
	try {
		BufferInput in(is_query, boundary, body ? body : "", body ? len : 0);
		cgicc::Cgicc cgi(&in);
		return pass_on(sink, cgi);
	} catch (...) {
		return FORM_UNREADABLE;
	}
}
