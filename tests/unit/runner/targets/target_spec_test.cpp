#include "runner/targets/target_spec.hpp"

#include <gtest/gtest.h>

namespace hallmark::runner::targets {
namespace {

TEST(TargetSpec, ReferenceIsEverythingAfterTheFirstColon) {
  const auto spec = parse_target_spec("docker-image:registry.local/app:1.2");
  ASSERT_TRUE(spec.has_value()) << spec.error();
  EXPECT_EQ(spec->kind, "docker-image");
  EXPECT_EQ(spec->reference, "registry.local/app:1.2");
}

TEST(TargetSpec, LocalTakesNoReference) {
  EXPECT_TRUE(parse_target_spec("local").has_value());
  EXPECT_EQ(parse_target_spec("local:x").error(), "target \"local:x\" takes no reference; write just \"local\"");
}

TEST(TargetSpec, KindsWithReferenceRequireIt) {
  EXPECT_EQ(parse_target_spec("docker:").error(), "target \"docker:\" needs a reference after the colon, like docker:NAME");
}

TEST(TargetSpec, UnknownKindListsTheKnownOnes) {
  const auto spec = parse_target_spec("lxc:foo");
  ASSERT_FALSE(spec.has_value());
  EXPECT_TRUE(spec.error().starts_with("unknown target \"lxc:foo\"; targets are:\n  docker-image:REF")) << spec.error();
  EXPECT_NE(spec.error().find("podman-image:REF"), std::string::npos);
}

}  // namespace
}  // namespace hallmark::runner::targets
