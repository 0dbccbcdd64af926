// Feed paths into a FeedSet, for every command that takes --feeds or feed
// files: a file is added by content; a directory holding manifest.json is a
// MISP feed folder (the manifest is reported, then each event file it lists
// is added); any other directory adds its regular files, sorted.
#pragma once

#include <functional>
#include <string>
#include <vector>

#include "trinity/intel/feed_set.h"
#include "trinity/result.h"

namespace trinity::cli {

// Called once per file with its report, or with the Error that refused it.
using FeedFileCallback = std::function<void(const std::string& path, const Result<intel::FeedReport>& outcome)>;

// Returns the number of files that could not be read or were refused.
std::size_t add_feed_paths(intel::FeedSet& feeds, const std::vector<std::string>& paths,
                           const FeedFileCallback& on_file);

}  // namespace trinity::cli
