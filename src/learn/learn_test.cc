#include <gtest/gtest.h>

#include <cstdio>
#include <filesystem>
#include <fstream>

#include "learn/features.h"
#include "learn/model_file.h"
#include "learn/perceptron.h"
#include "learn/trainer.h"
#include "learn/word_clusters.h"

namespace claimgraph::learn {
namespace {

std::string TempPath(const std::string& name) {
  auto dir = std::filesystem::temp_directory_path() / ("cg_learn_test_" + std::to_string(::getpid()));
  std::filesystem::create_directories(dir);
  return (dir / name).string();
}

void WriteBytes(const std::string& path, const std::string& bytes) {
  std::ofstream(path, std::ios::binary).write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
}

int Argmax(std::span<const float> s) { return static_cast<int>(std::max_element(s.begin(), s.end()) - s.begin()); }

// Three classes, each marked by its own feature, plus shared noise features that
// carry no information: a separable problem the perceptron must learn exactly.
struct Toy {
  std::vector<std::vector<uint64_t>> x;
  std::vector<int> y;
};
Toy MakeToy() {
  Toy t;
  SeededRandom rng(7);
  for (int i = 0; i < 90; ++i) {
    int cls = i % 3;
    std::vector<uint64_t> f = {FeatureKey(1, "bias"), FeatureKey(2, std::to_string(cls) + "-marker")};
    for (int k = 0; k < 3; ++k) f.push_back(FeatureKey(3, static_cast<int64_t>(rng.Below(5))));
    t.x.push_back(f);
    t.y.push_back(cls);
  }
  return t;
}

Perceptron TrainToy(const Toy& t, int epochs) {
  PerceptronTrainer trainer(3);
  std::vector<float> scores(3);
  for (int e = 0; e < epochs; ++e) {
    for (uint32_t i : ShuffledOrder(t.x.size(), 42, e)) {
      trainer.Score(t.x[i], scores);
      trainer.Update(t.x[i], t.y[i], Argmax(scores));
      trainer.Tick();
    }
  }
  return trainer.Finish(0.0f);
}

TEST(Perceptron, LearnsASeparableProblemExactly) {
  Toy t = MakeToy();
  Perceptron p = TrainToy(t, 5);
  std::vector<float> scores(3);
  for (size_t i = 0; i < t.x.size(); ++i) {
    p.Score(t.x[i], scores);
    EXPECT_EQ(Argmax(scores), t.y[i]) << "example " << i;
  }
  EXPECT_GT(p.num_features(), 0u);
}

TEST(Perceptron, XorNeedsTheConjunctionFeature) {
  // Without a conjunction, XOR is not linearly separable: some example must be wrong.
  PerceptronTrainer trainer(2);
  std::vector<std::vector<uint64_t>> x;
  std::vector<int> y;
  for (int a = 0; a < 2; ++a)
    for (int b = 0; b < 2; ++b) {
      x.push_back({FeatureKey(1, int64_t(a)), FeatureKey(2, int64_t(b))});
      y.push_back(a ^ b);
    }
  std::vector<float> s(2);
  for (int e = 0; e < 20; ++e)
    for (size_t i = 0; i < x.size(); ++i) {
      trainer.Score(x[i], s);
      trainer.Update(x[i], y[i], s[1] > s[0] ? 1 : 0);
      trainer.Tick();
    }
  Perceptron p = trainer.Finish(0.0f);
  int correct = 0;
  for (size_t i = 0; i < x.size(); ++i) {
    p.Score(x[i], s);
    correct += (s[1] > s[0] ? 1 : 0) == y[i];
  }
  EXPECT_LT(correct, 4);
}

TEST(Perceptron, PruningDropsSmallWeights) {
  Toy t = MakeToy();
  PerceptronTrainer trainer(3);
  std::vector<float> scores(3);
  for (int e = 0; e < 5; ++e)
    for (uint32_t i : ShuffledOrder(t.x.size(), 1, e)) {
      trainer.Score(t.x[i], scores);
      trainer.Update(t.x[i], t.y[i], Argmax(scores));
      trainer.Tick();
    }
  Perceptron all = trainer.Finish(0.0f);
  Perceptron pruned = trainer.Finish(1e9f);
  EXPECT_GT(all.num_weights(), 0u);
  EXPECT_EQ(pruned.num_weights(), 0u);
  EXPECT_EQ(pruned.num_features(), 0u);
}

TEST(Perceptron, MeanOfRunsAveragesTheirWeights) {
  std::vector<uint64_t> f = {FeatureKey(1, "x")};
  PerceptronTrainer a(2), b(2);
  a.Adjust(f, 0, 2.0f);
  a.Tick();
  b.Adjust(f, 0, 4.0f);
  b.Adjust(f, 1, -2.0f);
  b.Tick();
  Perceptron mean = PerceptronTrainer::FinishMean({&a, &b}, 0.0f);
  std::vector<float> s(2);
  mean.Score(f, s);
  EXPECT_NEAR(s[0], 3.0f, 1e-3);
  EXPECT_NEAR(s[1], -1.0f, 1e-3);
  // Pruning applies to the mean.
  EXPECT_EQ(PerceptronTrainer::FinishMean({&a, &b}, 2.0f).num_weights(), 1u);
}

TEST(Trainer, ShuffleIsASeededPermutation) {
  auto a = ShuffledOrder(100, 3, 0), b = ShuffledOrder(100, 3, 0), c = ShuffledOrder(100, 3, 1);
  EXPECT_EQ(a, b);
  EXPECT_NE(a, c);
  std::sort(c.begin(), c.end());
  for (uint32_t i = 0; i < 100; ++i) EXPECT_EQ(c[i], i);
}

TEST(ModelFile, PerceptronRoundTrip) {
  Toy t = MakeToy();
  Perceptron p = TrainToy(t, 3);
  ByteWriter w;
  p.Save(w);
  std::string path = TempPath("toy.cgm");
  ASSERT_TRUE(WriteModelFile(path, "toy", w.data()).ok());
  auto payload = ReadModelFile(path, "toy");
  ASSERT_TRUE(payload.ok()) << payload.status().message();
  ByteReader r(*payload, path);
  Perceptron q;
  ASSERT_TRUE(Perceptron::Load(r, &q));
  ASSERT_TRUE(r.Finish().ok());
  EXPECT_EQ(q.num_features(), p.num_features());
  EXPECT_EQ(q.num_weights(), p.num_weights());
  std::vector<float> s1(3), s2(3);
  for (const auto& x : t.x) {
    p.Score(x, s1);
    q.Score(x, s2);
    EXPECT_EQ(s1, s2);
  }
}

class BrokenModel : public ::testing::Test {
 protected:
  void SetUp() override {
    ByteWriter w;
    w.U32(12345);
    w.String("payload");
    good_ = EncodeModel("toy", w.data());
    path_ = TempPath("broken.cgm");
  }
  Status Load(const std::string& bytes, const std::string& kind = "toy") {
    WriteBytes(path_, bytes);
    auto r = ReadModelFile(path_, kind);
    EXPECT_FALSE(r.ok());
    if (r.ok()) return Status::Ok();
    EXPECT_NE(r.status().message().find(path_), std::string::npos) << r.status().message();
    return r.status();
  }
  std::string good_, path_;
};

TEST_F(BrokenModel, GoodOneLoads) {
  WriteBytes(path_, good_);
  auto r = ReadModelFile(path_, "toy");
  ASSERT_TRUE(r.ok());
  ByteReader in(*r, path_);
  uint32_t v = 0;
  std::string s;
  EXPECT_TRUE(in.U32(&v) && in.String(&s));
  EXPECT_TRUE(in.Finish().ok());
  EXPECT_EQ(v, 12345u);
  EXPECT_EQ(s, "payload");
}

TEST_F(BrokenModel, Truncated) {
  for (size_t cut : {size_t(3), size_t(14), good_.size() - 1, good_.size() - 9}) {
    Status s = Load(good_.substr(0, cut));
    EXPECT_NE(s.message().find("truncated"), std::string::npos) << cut << ": " << s.message();
  }
}

TEST_F(BrokenModel, Corrupted) {
  std::string bad = good_;
  bad[bad.size() - 12] ^= 0x40;  // inside the payload
  EXPECT_NE(Load(bad).message().find("checksum"), std::string::npos);
}

TEST_F(BrokenModel, TrailingBytes) {
  EXPECT_NE(Load(good_ + "xx").message().find("unexpected bytes"), std::string::npos);
}

TEST_F(BrokenModel, WrongMagic) {
  std::string bad = good_;
  bad[0] = 'X';
  EXPECT_NE(Load(bad).message().find("magic"), std::string::npos);
}

TEST_F(BrokenModel, WrongVersion) {
  std::string bad = good_;
  bad[8] = 99;  // the version follows the 8 magic bytes
  Status s = Load(bad);
  EXPECT_EQ(s.code(), StatusCode::kUnsupported);
  EXPECT_NE(s.message().find("version 99"), std::string::npos) << s.message();
}

TEST_F(BrokenModel, WrongKind) {
  Status s = Load(good_, "pos-tagger");
  EXPECT_NE(s.message().find("kind is 'toy', expected 'pos-tagger'"), std::string::npos) << s.message();
}

TEST_F(BrokenModel, PayloadReadersReportTruncationAndLeftovers) {
  ByteWriter w;
  w.U32(7);
  ByteReader short_read(w.data(), "x.cgm");
  uint64_t v = 0;
  EXPECT_FALSE(short_read.U64(&v));
  EXPECT_NE(short_read.status().message().find("x.cgm: truncated"), std::string::npos);
  ByteReader leftover(w.data(), "y.cgm");
  uint16_t h = 0;
  EXPECT_TRUE(leftover.U16(&h));
  EXPECT_NE(leftover.Finish().message().find("2 unread bytes"), std::string::npos);
}

TEST(WordClusters, CaseProfileCountsCapitalsAwayFromSentenceStarts) {
  std::vector<std::vector<std::string>> corpus;
  for (int i = 0; i < 10; ++i) {
    corpus.push_back({"They", "met", i < 9 ? "Paris" : "paris", "officials"});
    corpus.push_back({"Officials", "said", "so"});  // sentence-initial: not counted
  }
  ClusterOptions options;
  options.sizes = {2};
  WordClusters c = WordClusters::Induce(corpus, options);
  EXPECT_EQ(c.CapitalisedTenths("paris"), 9);
  EXPECT_EQ(c.CapitalisedTenths("officials"), 0);
  EXPECT_EQ(c.CapitalisedTenths("they"), -1);
  ByteWriter w;
  c.Save(w);
  ByteReader r(w.data(), "c");
  WordClusters d;
  ASSERT_TRUE(WordClusters::Load(r, &d));
  EXPECT_EQ(d.CapitalisedTenths("paris"), 9);
}

TEST(WordClusters, GroupsWordsBySharedContextsAndRoundTrips) {
  // det noun verb [adv]: each role's words are interchangeable.
  std::vector<std::string> det = {"the", "a", "this", "that"}, noun = {"cat", "dog", "bird", "horse"},
                           verb = {"sat", "ran", "slept", "ate"}, adv = {"quickly", "slowly", "quietly", "often"};
  std::vector<std::vector<std::string>> corpus;
  SeededRandom rng(5);
  for (int i = 0; i < 2000; ++i) {
    corpus.push_back({det[rng.Below(4)], noun[rng.Below(4)], verb[rng.Below(4)], adv[rng.Below(4)]});
  }
  ClusterOptions options;
  options.sizes = {5};  // four roles and the sentence boundary
  options.max_iterations = 20;
  WordClusters c = WordClusters::Induce(corpus, options);
  ASSERT_EQ(c.levels(), 1);
  for (const auto* group : {&det, &noun, &verb, &adv}) {
    const uint16_t* first = c.Find((*group)[0]);
    ASSERT_NE(first, nullptr);
    for (const auto& w : *group) EXPECT_EQ(c.Find(w)[0], first[0]) << w;
  }
  EXPECT_NE(c.Find("the")[0], c.Find("cat")[0]);
  EXPECT_NE(c.Find("cat")[0], c.Find("sat")[0]);
  EXPECT_EQ(c.Find("unicorn"), nullptr);
  EXPECT_EQ(c.CapitalisedTenths("cat"), 0);
  EXPECT_EQ(c.CapitalisedTenths("unicorn"), -1);

  ByteWriter w;
  c.Save(w);
  ByteReader r(w.data(), "clusters");
  WordClusters d;
  ASSERT_TRUE(WordClusters::Load(r, &d));
  EXPECT_TRUE(r.Finish().ok());
  EXPECT_EQ(d.vocabulary_size(), c.vocabulary_size());
  for (const auto& w2 : noun) EXPECT_EQ(d.Find(w2)[0], c.Find(w2)[0]);
}

}  // namespace
}  // namespace claimgraph::learn
