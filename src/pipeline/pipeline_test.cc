#include "claimgraph/pipeline.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <thread>

#include <unistd.h>

#include "core/files.h"
#include "parsing/parser_trainer.h"

namespace claimgraph {
namespace {

// The pipeline with the installed models; null (and a failure) when they do not load.
const Pipeline* Shared() {
  static const std::unique_ptr<Pipeline> pipeline = [] {
    auto created = Pipeline::Create();
    EXPECT_TRUE(created.ok()) << created.status().message();
    return created.ok() ? std::move(created).value() : nullptr;
  }();
  if (!pipeline) ADD_FAILURE() << "Pipeline::Create failed with the installed models";
  return pipeline.get();
}

Document Analysed(const std::string& text) {
  Document doc;
  doc.text = text;
  doc.published = "2025-03-14";
  if (const Pipeline* p = Shared()) p->Analyse(doc);
  return doc;
}

std::string Tags(const Document& doc) {
  std::string out;
  for (const Token& t : doc.tokens) out += std::string(doc.slice(t.span)) + "/" + t.upos + "/" + t.ner + " ";
  return out;
}

const Entity* FindByMention(const Document& doc, const std::string& text) {
  for (const auto& e : doc.entities)
    for (const auto& m : e.mentions)
      if (m.text == text) return &e;
  return nullptr;
}

constexpr const char* kText =
    "Orla Penhaligon, the chief executive of Brackenridge Freight, said on Tuesday that the company "
    "would close its depot in Tarnowick. Penhaligon said 40 jobs would go.\n";

TEST(PipelineTest, TagsEveryToken) {
  Document doc = Analysed(kText);
  ASSERT_FALSE(doc.tokens.empty());
  EXPECT_TRUE(doc.tagged);
  for (const Token& t : doc.tokens) {
    EXPECT_FALSE(t.upos.empty()) << doc.slice(t.span);
    EXPECT_FALSE(t.xpos.empty()) << doc.slice(t.span);
    EXPECT_FALSE(t.ner.empty()) << doc.slice(t.span);
  }
  // "said" is a verb, "Tarnowick" a proper noun the recogniser takes for a place
  for (const Token& t : doc.tokens) {
    if (doc.slice(t.span) == "said") EXPECT_EQ(t.upos, "VERB");
    if (doc.slice(t.span) == "Tarnowick") EXPECT_EQ(t.ner, "B-LOC");
  }
}

// Every sentence a tree: one root, heads inside the sentence, a relation on every arc.
void ExpectTrees(const Document& doc) {
  EXPECT_TRUE(doc.parsed);
  for (const Sentence& s : doc.sentences) {
    int roots = 0;
    for (uint32_t i = s.first_token; i < s.end_token; ++i) {
      const Token& t = doc.tokens[i];
      if (t.head < 0) {
        ++roots;
        continue;
      }
      EXPECT_GE(static_cast<uint32_t>(t.head), s.first_token);
      EXPECT_LT(static_cast<uint32_t>(t.head), s.end_token);
      EXPECT_FALSE(t.deprel.empty());
    }
    EXPECT_EQ(roots, 1);
  }
}

TEST(PipelineTest, ParsesWithTheInstalledModel) {
  Document doc = Analysed(kText);
  ExpectTrees(doc);
}

// A parser trained here on a few sentences of our own, so the parsing step is tested
// whatever model is installed.
TEST(PipelineTest, ParsesWithTheGivenParserModel) {
  auto dir = std::filesystem::temp_directory_path() / ("cg_pipeline_parse_" + std::to_string(::getpid()));
  std::filesystem::create_directories(dir / "models" / "recipes");
  std::string bank;
  const char* names[] = {"Orla", "Edda", "Hollis", "Paris"};
  const char* verbs[] = {"said", "left", "won", "spoke"};
  for (int i = 0; i < 32; ++i) {
    bank += std::string("1\t") + names[i % 4] + "\t_\tPROPN\tNNP\t_\t2\tnsubj\t_\t_\n";
    bank += std::string("2\t") + verbs[(i / 4) % 4] + "\t_\tVERB\tVBD\t_\t0\troot\t_\t_\n";
    bank += "3\t.\t.\tPUNCT\t.\t_\t2\tpunct\t_\t_\n\n";
  }
  std::ofstream((dir / "bank.conllu").string()) << bank;
  std::ofstream((dir / "models" / "recipes" / "parse.json").string())
      << R"({"task": "parse", "model": "toy.cgm", "train": ")" << (dir / "bank.conllu").string() << R"(", "dev": ")"
      << (dir / "bank.conllu").string() << R"(", "pos_model": "", "seed": 1, "epochs": 2})";
  auto recipe = parsing::LoadParseRecipe((dir / "models" / "recipes" / "parse.json").string());
  ASSERT_TRUE(recipe.ok()) << recipe.status().message();
  auto trained = parsing::TrainParser(*recipe, "", {});
  ASSERT_TRUE(trained.ok()) << trained.status().message();
  std::string model = (dir / "toy.cgm").string();
  ASSERT_TRUE(trained->Save(model).ok());

  PipelineOptions options;
  options.parse_model = model;
  auto created = Pipeline::Create(options);
  ASSERT_TRUE(created.ok()) << created.status().message();
  Document doc;
  doc.text = kText;
  doc.published = "2025-03-14";
  (*created)->Analyse(doc);
  ExpectTrees(doc);
  // the extract stages still ran after parsing
  EXPECT_NE(FindByMention(doc, "Orla Penhaligon"), nullptr);
  std::filesystem::remove_all(dir);
}

TEST(PipelineTest, RecognisedNamesBecomeEntities) {
  Document doc = Analysed(kText);
  SCOPED_TRACE(Tags(doc));
  const Entity* person = FindByMention(doc, "Orla Penhaligon");
  ASSERT_NE(person, nullptr);
  EXPECT_EQ(person->type, "PERSON");
  // the later surname joins the full name
  EXPECT_EQ(FindByMention(doc, "Penhaligon"), person);
  // its type is the model's call (the rules alone do not find it at all)
  EXPECT_NE(FindByMention(doc, "Brackenridge Freight"), nullptr);
  const Entity* place = FindByMention(doc, "Tarnowick");
  ASSERT_NE(place, nullptr);
  EXPECT_EQ(place->type, "GPE");
}

TEST(PipelineTest, KnowledgeBaseOnlyLeavesUnknownNamesOut) {
  PipelineOptions options;
  options.knowledge_base_entities_only = true;
  auto created = Pipeline::Create(options);
  ASSERT_TRUE(created.ok()) << created.status().message();
  Document doc;
  doc.text = kText;
  doc.published = "2025-03-14";
  (*created)->Analyse(doc);
  EXPECT_TRUE(doc.tagged);
  EXPECT_EQ(FindByMention(doc, "Brackenridge Freight"), nullptr);
}

TEST(PipelineTest, SharedByThreads) {
  const Document expected = Analysed(kText);
  std::vector<std::thread> threads;
  std::vector<Document> out(4);
  for (auto& d : out)
    threads.emplace_back([&d] {
      for (int k = 0; k < 5; ++k) d = Analysed(kText);
    });
  for (auto& t : threads) t.join();
  for (const auto& d : out) {
    ASSERT_EQ(d.tokens.size(), expected.tokens.size());
    for (size_t i = 0; i < d.tokens.size(); ++i) {
      EXPECT_EQ(d.tokens[i].upos, expected.tokens[i].upos);
      EXPECT_EQ(d.tokens[i].ner, expected.tokens[i].ner);
      EXPECT_EQ(d.tokens[i].head, expected.tokens[i].head);
    }
    ASSERT_EQ(d.entities.size(), expected.entities.size());
    for (size_t i = 0; i < d.entities.size(); ++i) EXPECT_EQ(d.entities[i].name, expected.entities[i].name);
  }
}

class ModelErrorTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = std::filesystem::temp_directory_path() / ("cg_pipeline_test_" + std::to_string(::getpid()));
    std::filesystem::create_directories(dir_);
  }
  void TearDown() override { std::filesystem::remove_all(dir_); }
  std::string Write(const std::string& name, const std::string& bytes) {
    std::string path = (dir_ / name).string();
    std::ofstream(path, std::ios::binary) << bytes;
    return path;
  }
  std::filesystem::path dir_;
};

TEST_F(ModelErrorTest, MissingModelNamesTheFile) {
  for (int which = 0; which < 3; ++which) {
    PipelineOptions options;
    std::string missing = (dir_ / "absent.cgm").string();
    (which == 0 ? options.pos_model : which == 1 ? options.ner_model : options.parse_model) = missing;
    auto created = Pipeline::Create(options);
    ASSERT_FALSE(created.ok()) << which;
    EXPECT_NE(created.status().message().find(missing), std::string::npos) << created.status().message();
  }
}

TEST_F(ModelErrorTest, CorruptModelNamesTheFile) {
  std::string garbage = Write("garbage.cgm", std::string(64, '\x7f'));
  PipelineOptions options;
  options.ner_model = garbage;
  auto created = Pipeline::Create(options);
  ASSERT_FALSE(created.ok());
  EXPECT_NE(created.status().message().find(garbage), std::string::npos) << created.status().message();
  // a model of the wrong kind: the tagger's file given as the recogniser's
  PipelineOptions swapped;
  swapped.ner_model = ModelsDir() + "/pos/en-ewt.cgm";
  created = Pipeline::Create(swapped);
  ASSERT_FALSE(created.ok());
  EXPECT_NE(created.status().message().find("pos/en-ewt.cgm"), std::string::npos) << created.status().message();
}

TEST_F(ModelErrorTest, ModelsDirectoryWithoutAParser) {
  // every model but the parser's: Create refuses, naming the parser's file
  for (const char* sub : {"kb", "lexicons", "pos", "ner", "claims"})
    std::filesystem::create_directory_symlink(std::filesystem::path(ModelsDir()) / sub, dir_ / sub);
  PipelineOptions options;
  options.models_dir = dir_.string();
  auto created = Pipeline::Create(options);
  ASSERT_FALSE(created.ok());
  EXPECT_NE(created.status().message().find((dir_ / "parse" / "en-ewt.cgm").string()), std::string::npos)
      << created.status().message();
  // unless parsing is turned off
  options.parse = false;
  created = Pipeline::Create(options);
  ASSERT_TRUE(created.ok()) << created.status().message();
  Document doc;
  doc.text = kText;
  (*created)->Analyse(doc);
  EXPECT_TRUE(doc.tagged);
  EXPECT_FALSE(doc.parsed);
  EXPECT_FALSE(doc.entities.empty());
}

TEST_F(ModelErrorTest, MissingModelsDirectory) {
  PipelineOptions options;
  options.models_dir = (dir_ / "nowhere").string();
  auto created = Pipeline::Create(options);
  ASSERT_FALSE(created.ok());
  EXPECT_NE(created.status().message().find("nowhere"), std::string::npos) << created.status().message();
}

}  // namespace
}  // namespace claimgraph
