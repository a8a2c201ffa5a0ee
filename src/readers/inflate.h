// Whole-buffer zlib inflation shared by the readers (gzip files, gzip/deflate HTTP bodies
// inside WARC records). Internal to the readers stage.
#pragma once

#include <string>
#include <string_view>

#include "claimgraph/status.h"

namespace claimgraph::readers {

// Inflates gzip (or, with `accept_zlib`, zlib) data of one or more members' worth into
// memory. InvalidInput when the data is not valid, is truncated, or inflates to more
// than `max_bytes` (a gzip bomb).
Result<std::string> Inflate(std::string_view data, size_t max_bytes, bool accept_zlib = false);

}  // namespace claimgraph::readers
