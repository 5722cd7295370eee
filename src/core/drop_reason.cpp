#include "core/drop_reason.h"

namespace skbox {

std::string_view drop_reason_name(DropReason r) {
  static constexpr std::string_view kNames[] = {
#define SKBOX_DR_NAME(n) #n,
      SKBOX_DROP_REASONS(SKBOX_DR_NAME)
#undef SKBOX_DR_NAME
  };
  auto i = static_cast<size_t>(r);
  return i < kDropReasonCount ? kNames[i] : std::string_view("UNKNOWN");
}

}  // namespace skbox
