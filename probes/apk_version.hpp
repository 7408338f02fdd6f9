#pragma once

#include <string_view>

namespace hallmark::probes {

// True when apk-tools' apk_version_validate() accepts the string, i.e. it reads as
// digits{.digits}[letter]{_suffix[digits]}[~hash][-rN]; false otherwise, "" included.
bool is_valid_apk_version(std::string_view version);

// Orders two versions as apk-tools' apk_version_compare(): -1, 0 or 1 (_alpha _beta _pre _rc <
// none < _cvs _svn _git _hg _p). Never fails: like apk, it orders invalid text up to the bad token.
int compare_apk_versions(std::string_view a, std::string_view b);

}  // namespace hallmark::probes
