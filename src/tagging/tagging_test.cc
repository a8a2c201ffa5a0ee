#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <thread>

#include "learn/model_file.h"
#include "tagging/conll.h"
#include "tagging/corpus.h"
#include "tagging/entity_recognizer.h"
#include "tagging/joint_weights.h"
#include "tagging/ner_model.h"
#include "tagging/pos_tagger.h"
#include "tagging/recipe.h"
#include "tagging/training.h"
#include "tagging/word_features.h"
#include "text/tokenizer.h"

namespace claimgraph::tagging {
namespace {

namespace fs = std::filesystem;

std::string SourceDir() { return CLAIMGRAPH_SOURCE_DIR; }

std::string TempDir() {
  auto dir = fs::temp_directory_path() / ("cg_tagging_test_" + std::to_string(::getpid()));
  fs::create_directories(dir);
  return dir.string();
}

void Write(const std::string& path, const std::string& text) {
  fs::create_directories(fs::path(path).parent_path());
  std::ofstream(path, std::ios::binary) << text;
}

// ---- the merged scoring table ----

// A perceptron whose feature k (key 1000 + 7k) has weights for `k % classes + 1` distinct classes (odd `classes`),
// so some features are dense rows and some sparse lists in the merged table.
learn::Perceptron MakePerceptron(int classes, int features, int seed) {
  std::vector<learn::FeatureWeights> list;
  for (int k = 0; k < features; ++k) {
    learn::FeatureWeights f;
    f.key = learn::Mix64(1000 + 7 * k + (k % 3 == 0 ? seed : 0));
    for (int c = 0; c <= k % classes; ++c)
      f.weights.push_back({static_cast<uint16_t>((c * 2 + k) % classes), ((k * 31 + c * 17 + seed) % 41 - 20) * 0.25f});
    list.push_back(std::move(f));
  }
  return learn::Perceptron(classes, std::move(list));
}

TEST(JointWeights, ScoresAsEachPerceptronDoes) {
  learn::Perceptron a = MakePerceptron(5, 300, 1), b = MakePerceptron(9, 200, 2), empty;
  const learn::Perceptron* parts[] = {&a, &empty, &b};
  JointWeights joint(parts);
  ASSERT_EQ(joint.num_parts(), 3);
  EXPECT_EQ(joint.offset(1), 5);
  EXPECT_EQ(joint.offset(2), 5);
  ASSERT_EQ(joint.total_classes(), 14);
  std::vector<uint64_t> keys;
  for (int k = 0; k < 400; k += 3) keys.push_back(learn::Mix64(1000 + 7 * k + (k % 3 == 0 ? 1 : 0)));
  keys.push_back(learn::Mix64(424242));  // in neither
  std::vector<float> want_a(5), want_b(9), all(14), part(9);
  a.Score(keys, want_a);
  b.Score(keys, want_b);
  joint.ScoreAll(keys, all.data());
  for (int c = 0; c < 5; ++c) EXPECT_FLOAT_EQ(all[c], want_a[c]) << c;
  for (int c = 0; c < 9; ++c) EXPECT_FLOAT_EQ(all[5 + c], want_b[c]) << c;
  joint.ScorePart(keys, 2, part.data());
  for (int c = 0; c < 9; ++c) EXPECT_FLOAT_EQ(part[c], want_b[c]) << c;
  // Rows: the first half of the keys in row 1, the rest in row 0.
  std::vector<uint32_t> rows(keys.size(), 1);
  for (size_t k = keys.size() / 2; k < keys.size(); ++k) rows[k] = 0;
  std::vector<float> table(2 * 14, 99.0f), half(5);
  joint.ScoreRows(keys, rows, -1, table.data());
  a.Score(std::span(keys).first(keys.size() / 2), half);
  for (int c = 0; c < 5; ++c) EXPECT_FLOAT_EQ(table[14 + c], half[c]) << c;
  a.Score(std::span(keys).subspan(keys.size() / 2), half);
  for (int c = 0; c < 5; ++c) EXPECT_FLOAT_EQ(table[c], half[c]) << c;
}

// ---- readers ----

TEST(Conll2003, ReadsDocumentsSentencesAndTags) {
  auto f = ParseConll2003(
      "-DOCSTART- -X- -X- O\n\nJohn NNP B-NP B-PER\nruns VBZ B-VP O\n\nParis NNP B-NP B-LOC\n"
      "-DOCSTART- -X- -X- O\n\nHi UH O O\n",
      "t.conll", true);
  ASSERT_TRUE(f.ok()) << f.status().message();
  ASSERT_EQ(f->documents.size(), 2u);
  ASSERT_EQ(f->documents[0].sentences.size(), 2u);
  EXPECT_EQ(f->documents[0].sentences[0].words, (std::vector<std::string>{"John", "runs"}));
  EXPECT_EQ(f->documents[0].sentences[0].tags, (std::vector<std::string>{"B-PER", "O"}));
  EXPECT_EQ(f->documents[0].sentences[1].line_numbers[0], 6u);
  EXPECT_EQ(f->lines.size(), 9u);
}

TEST(Conll2003, ReportsMalformedLinesWithTheirNumbers) {
  auto bad_tag = ParseConll2003("John NNP B-NP B-PER\nruns VBZ B-VP X-Y\n", "t.conll", true);
  ASSERT_FALSE(bad_tag.ok());
  EXPECT_NE(bad_tag.status().message().find("t.conll:2:"), std::string::npos) << bad_tag.status().message();
  EXPECT_NE(bad_tag.status().message().find("X-Y"), std::string::npos);
  auto one_column = ParseConll2003("John B-PER\n\nalone\n", "u.conll", true);
  ASSERT_FALSE(one_column.ok());
  EXPECT_NE(one_column.status().message().find("u.conll:3:"), std::string::npos) << one_column.status().message();
  // Without tags required, one column is a word to tag.
  EXPECT_TRUE(ParseConll2003("John\nruns\n", "v.conll", false).ok());
}

const char* kConllu =
    "# sent_id = 1\n"
    "1\tI\tI\tPRON\tPRP\t_\t2\tnsubj\t_\t_\n"
    "2-3\tdon't\t_\t_\t_\t_\t_\t_\t_\t_\n"
    "2\tdo\tdo\tAUX\tVBP\t_\t4\taux\t_\t_\n"
    "3\tn't\tnot\tPART\tRB\t_\t4\tadvmod\t_\t_\n"
    "4\tknow\tknow\tVERB\tVB\t_\t0\troot\t_\t_\n"
    "4.1\tknew\t_\t_\t_\t_\t_\t_\t_\t_\n"
    "\n";

TEST(Conllu, SkipsRangesAndEmptyNodes) {
  auto f = ParseConllu(kConllu, "t.conllu");
  ASSERT_TRUE(f.ok()) << f.status().message();
  ASSERT_EQ(f->sentences.size(), 1u);
  ASSERT_EQ(f->sentences[0].words.size(), 4u);
  EXPECT_EQ(f->sentences[0].words[2].form, "n't");
  EXPECT_EQ(f->sentences[0].words[2].upos, "PART");
  EXPECT_EQ(f->sentences[0].words[3].line, 5u);
  EXPECT_EQ(ReplaceConlluColumn(f->lines[1], 3, "X"), "1\tI\tI\tX\tPRP\t_\t2\tnsubj\t_\t_");
}

TEST(Conllu, ReportsMalformedLinesWithTheirNumbers) {
  auto columns = ParseConllu("# c\n1\tI\tI\tPRON\tPRP\t_\t2\tnsubj\t_\n", "a.conllu");
  ASSERT_FALSE(columns.ok());
  EXPECT_NE(columns.status().message().find("a.conllu:2: expected 10"), std::string::npos)
      << columns.status().message();
  auto id = ParseConllu("1\tI\tI\tPRON\tPRP\t_\t2\tnsubj\t_\t_\nx\tb\t_\t_\t_\t_\t_\t_\t_\t_\n", "b.conllu");
  ASSERT_FALSE(id.ok());
  EXPECT_NE(id.status().message().find("b.conllu:2:"), std::string::npos) << id.status().message();
  auto order = ParseConllu("1\tI\tI\tPRON\tPRP\t_\t2\tnsubj\t_\t_\n3\tb\t_\t_\t_\t_\t_\t_\t_\t_\n", "c.conllu");
  ASSERT_FALSE(order.ok());
  EXPECT_NE(order.status().message().find("c.conllu:2: word ID 3"), std::string::npos) << order.status().message();
}

// ---- features and labels ----

TEST(WordFeatures, ShapesAffixesAndNormalisation) {
  EXPECT_EQ(WordShape("Obama"), "Xxxxx");
  EXPECT_EQ(ShortShape("Obama"), "Xx");
  EXPECT_EQ(ShortShape("1996-08-30"), "d-d-d");
  EXPECT_EQ(ShortShape("McDonald"), "XxXx");
  EXPECT_EQ(NormalisedLower("Route66"), "route00");
  EXPECT_EQ(Prefix("Zürich", 2), "Zü");
  EXPECT_EQ(Suffix("café", 2), "fé");
  EXPECT_EQ(Suffix("a", 3), "a");
  EXPECT_TRUE(AllUpper("NATO"));
  EXPECT_FALSE(AllUpper("NaTO"));
  EXPECT_FALSE(AllUpper("1996"));
}

TEST(Spans, ReadBioIob1AndBilouLikeConlleval) {
  auto s = SpansFromTags({"B-PER", "I-PER", "O", "I-LOC", "B-LOC", "I-ORG", "U-MISC", "B-PER", "L-PER"});
  ASSERT_EQ(s.size(), 6u);
  EXPECT_EQ(s[0].type, "PER");
  EXPECT_EQ(s[0].end, 2u);
  EXPECT_EQ(s[1].start, 3u);  // IOB1-style I after O starts a span
  EXPECT_EQ(s[2].start, 4u);
  EXPECT_EQ(s[2].end, 5u);  // type change ends it
  EXPECT_EQ(s[3].type, "ORG");
  EXPECT_EQ(s[4].type, "MISC");
  EXPECT_EQ(s[5].end, 9u);
}

TEST(Bilou, TransitionsAreConstrained) {
  int b_per = MakeLabel(Bilou::kB, 0), i_per = MakeLabel(Bilou::kI, 0), l_per = MakeLabel(Bilou::kL, 0);
  int u_loc = MakeLabel(Bilou::kU, 1), i_loc = MakeLabel(Bilou::kI, 1);
  EXPECT_TRUE(BilouAllowed(-1, b_per));
  EXPECT_FALSE(BilouAllowed(-1, i_per));
  EXPECT_TRUE(BilouAllowed(b_per, i_per));
  EXPECT_TRUE(BilouAllowed(i_per, l_per));
  EXPECT_FALSE(BilouAllowed(b_per, 0));
  EXPECT_FALSE(BilouAllowed(b_per, i_loc));
  EXPECT_TRUE(BilouAllowed(l_per, u_loc));
  EXPECT_EQ(TypeOf(u_loc), 1);
  EXPECT_EQ(PartOf(l_per), Bilou::kL);
}

TEST(Corpus, TimemlTextDropsTagsAndDecodesEntities) {
  EXPECT_EQ(TimemlText("<DOC><TEXT>Sales <EVENT eid=\"e1\">rose</EVENT> &amp; fell.</TEXT></DOC>"),
            "Sales rose & fell.");
}

// ---- training end to end on tiny corpora we write here ----

// A small grammar: names after "met", places after "in"; every name is a PER.
std::string TinyNer(int sentences, int offset) {
  const char* names[] = {"Anna", "Boris", "Carla", "Dmitri", "Elena", "Farid"};
  const char* places[] = {"Oslo", "Lima", "Cairo", "Quito"};
  std::string out;
  for (int k = 0; k < sentences; ++k) {
    int n = (k + offset) % 6, p = (k * 7 + offset) % 4;
    out += "-DOCSTART- -X- -X- O\n\n";
    out += std::string("Yesterday RB O O\nwe PRP O O\nmet VBD O O\n") + names[n] + " NNP O B-PER\n" +
           names[(n + 1) % 6] + " NNP O I-PER\nin IN O O\n" + places[p] + " NNP O B-LOC\n. . O O\n\n";
  }
  return out;
}

TEST(Training, NerLearnsTinyCorpusAndModelRoundTrips) {
  std::string dir = TempDir() + "/ner";
  Write(dir + "/data/train.txt", TinyNer(40, 0));
  Write(dir + "/data/dev.txt", TinyNer(10, 3));
  Write(dir + "/models/recipes/tiny.json",
        R"({"task": "ner", "model": "out/tiny.cgm", "train": "data/train.txt", "dev": "data/dev.txt",
            "seed": 3, "epochs": 5, "stack_folds": 2, "expected_dev": {"f1": 0.99}})");
  auto recipe = LoadRecipe(dir + "/models/recipes/tiny.json");
  ASSERT_TRUE(recipe.ok()) << recipe.status().message();
  EXPECT_EQ(recipe->model, dir + "/out/tiny.cgm");
  auto recognizer = TrainEntityRecognizer(*recipe, learn::WordClusters(), {});
  ASSERT_TRUE(recognizer.ok()) << recognizer.status().message();
  auto dev = ReadConll2003(recipe->dev, true);
  ASSERT_TRUE(dev.ok());
  EXPECT_GE(EvaluateEntities(*recognizer, *dev).f1, recipe->expected_dev["f1"]);

  ASSERT_TRUE(recognizer->Save(recipe->model).ok());
  auto loaded = EntityRecognizer::Load(recipe->model);
  ASSERT_TRUE(loaded.ok()) << loaded.status().message();
  EXPECT_EQ(loaded->metadata(), recognizer->metadata());
  std::vector<std::vector<std::string_view>> words = {{"Yesterday", "we", "met", "Carla", "Dmitri", "in", "Lima", "."}};
  EXPECT_EQ(loaded->LabelSentences(words), recognizer->LabelSentences(words));
  EXPECT_EQ(loaded->LabelSentences(words)[0][3], "B-PER");
  EXPECT_EQ(loaded->LabelSentences(words)[0][4], "I-PER");
  EXPECT_EQ(loaded->LabelSentences(words)[0][6], "B-LOC");

  // Same recipe, same seed: the same bytes.
  auto again = TrainEntityRecognizer(*recipe, learn::WordClusters(), {});
  ASSERT_TRUE(again.ok());
  ASSERT_TRUE(again->Save(dir + "/out/again.cgm").ok());
  std::ifstream a(recipe->model, std::ios::binary), b(dir + "/out/again.cgm", std::ios::binary);
  std::string sa((std::istreambuf_iterator<char>(a)), {}), sb((std::istreambuf_iterator<char>(b)), {});
  EXPECT_EQ(sa, sb);

  // A POS model file is refused as an entity recogniser, naming the file.
  auto wrong = PosTagger::Load(recipe->model);
  ASSERT_FALSE(wrong.ok());
  EXPECT_NE(wrong.status().message().find(recipe->model), std::string::npos);
  EXPECT_NE(wrong.status().message().find("expected 'pos-tagger'"), std::string::npos);
}

// Codes of token i after matching `words` against `g`.
std::vector<std::vector<uint16_t>> GazetteerCodes(const Gazetteer& g, const std::vector<std::string>& words,
                                                  const GazetteerNoise* noise = nullptr) {
  NerModel model;
  NerSentence s;
  s.tokens.resize(words.size());
  for (size_t i = 0; i < words.size(); ++i) FillNerToken(model, words[i], &s.tokens[i]);
  MatchGazetteer(g, &s, 0, noise);
  std::vector<std::vector<uint16_t>> out(words.size());
  for (size_t i = 0; i < words.size(); ++i)
    out[i].assign(s.gaz_codes.begin() + s.gaz_begin[i], s.gaz_codes.begin() + s.gaz_begin[i + 1]);
  return out;
}
uint16_t Code(Gazetteer::Category c, Bilou part) { return static_cast<uint16_t>(c * 8 + static_cast<int>(part)); }

TEST(Gazetteer, LongestMatchPerCategoryWithBilouParts) {
  Gazetteer g;
  EXPECT_TRUE(g.Add("New York", Gazetteer::kPlace));
  EXPECT_TRUE(g.Add("York", Gazetteer::kPlace));
  EXPECT_TRUE(g.Add("New York Stock Exchange", Gazetteer::kOrg));
  EXPECT_TRUE(g.Add("President", Gazetteer::kTitle));
  EXPECT_FALSE(g.Add("one two three four five six seven", Gazetteer::kOrg));  // longer than kMaxWords
  auto codes = GazetteerCodes(g, {"the", "PRESIDENT", "of", "the", "New", "York", "Stock", "Exchange", "in", "York"});
  using G = Gazetteer;
  EXPECT_TRUE(codes[0].empty());
  EXPECT_EQ(codes[1], std::vector<uint16_t>{Code(G::kTitle, Bilou::kU)});  // case-insensitive
  // "York" inside "New York" is the L of the longer PLACE match, not a U of its own.
  EXPECT_EQ(codes[4], (std::vector<uint16_t>{Code(G::kPlace, Bilou::kB), Code(G::kOrg, Bilou::kB)}));
  EXPECT_EQ(codes[5], (std::vector<uint16_t>{Code(G::kPlace, Bilou::kL), Code(G::kOrg, Bilou::kI)}));
  EXPECT_EQ(codes[6], std::vector<uint16_t>{Code(G::kOrg, Bilou::kI)});
  EXPECT_EQ(codes[7], std::vector<uint16_t>{Code(G::kOrg, Bilou::kL)});
  EXPECT_EQ(codes[9], std::vector<uint16_t>{Code(G::kPlace, Bilou::kU)});

  // Dropout of a category's matches: all of them at a rate near 1, none of the others.
  GazetteerNoise noise;
  noise.rate[G::kOrg] = 0.999999;
  auto dropped = GazetteerCodes(g, {"New", "York", "Stock", "Exchange"}, &noise);
  EXPECT_EQ(dropped[0], std::vector<uint16_t>{Code(G::kPlace, Bilou::kB)});
  EXPECT_TRUE(dropped[2].empty());
  EXPECT_TRUE(GazetteerCodes(Gazetteer(), {"New", "York"})[0].empty());
}

TEST(Training, NerGazetteerComesFromTheRecipesFilesAndTravelsInTheModel) {
  std::string dir = TempDir() + "/nergaz";
  Write(dir + "/data/train.txt", TinyNer(40, 0));
  Write(dir + "/data/dev.txt", TinyNer(10, 3));
  Write(dir + "/kb/countries.tsv", "# id\tname\taliases\tdemonyms\tcapitals\nPER\tPeru\tPeru\tPeruvian\tLima\n");
  Write(dir + "/kb/country_aliases.tsv", "# alpha3 kind text\nEGY\tcapital\tCairo\n");
  Write(dir + "/kb/subdivisions.tsv", "");
  Write(dir + "/kb/places.tsv", "L:oslo\tGPE\tOslo\tNOR\tOslo|Christiania\n");
  Write(dir + "/kb/organisations.tsv", "O:un\tORG\tUnited Nations\t\tUN|~Assembly\n");
  Write(dir + "/kb/persons.tsv", "P:x\tElena Farid\tPER\t\n");
  Write(dir + "/kb/titles.tsv", "President\tpresident\n");
  Write(dir + "/names.tsv", "# word given surname\nAnna\t3\t0\nBoris\t0\t2\n");
  Write(dir + "/models/recipes/tiny.json",
        R"({"task": "ner", "model": "out/tiny.cgm", "train": "data/train.txt", "dev": "data/dev.txt",
            "seed": 3, "epochs": 5, "stack_folds": 2,
            "gazetteer": {"kb": "kb", "person_names": "names.tsv", "dropout": 0.1, "lexicon_dropout": 0.5}})");
  auto recipe = LoadRecipe(dir + "/models/recipes/tiny.json");
  ASSERT_TRUE(recipe.ok()) << recipe.status().message();
  EXPECT_EQ(recipe->gazetteer.kb_dir, dir + "/kb");
  auto recognizer = TrainEntityRecognizer(*recipe, learn::WordClusters(), {});
  ASSERT_TRUE(recognizer.ok()) << recognizer.status().message();
  ASSERT_TRUE(recognizer->Save(recipe->model).ok());
  auto loaded = EntityRecognizer::Load(recipe->model);
  ASSERT_TRUE(loaded.ok()) << loaded.status().message();
  std::vector<std::vector<std::string_view>> words = {{"Yesterday", "we", "met", "Anna", "Boris", "in", "Cairo", "."}};
  EXPECT_EQ(loaded->LabelSentences(words), recognizer->LabelSentences(words));
  EXPECT_NE(loaded->metadata().find("\"gazetteer_phrases\":14"), std::string::npos) << loaded->metadata();

  // A malformed knowledge-base row is reported with its file and line.
  Write(dir + "/kb/titles.tsv", "# titles\nPresident\tpresident\n");
  Write(dir + "/kb/persons.tsv", "# persons\nP:x\n");
  auto bad = TrainEntityRecognizer(*recipe, learn::WordClusters(), {});
  ASSERT_FALSE(bad.ok());
  EXPECT_NE(bad.status().message().find(dir + "/kb/persons.tsv:2"), std::string::npos) << bad.status().message();
}

TEST(Training, PosLearnsTinyTreebank) {
  std::string dir = TempDir() + "/pos";
  const char* nouns[] = {"dog", "cat", "bird", "fish"};
  const char* verbs[] = {"runs", "sleeps", "eats", "swims"};
  auto treebank = [&](int sentences) {
    std::string conllu;
    for (int k = 0; k < sentences; ++k) {
      conllu += std::string("1\tthe\tthe\tDET\tDT\t_\t2\tdet\t_\t_\n2\t") + nouns[k % 4] +
                "\t_\tNOUN\tNN\t_\t3\tnsubj\t_\t_\n3\t" + verbs[(k / 4) % 4] +
                "\t_\tVERB\tVBZ\t_\t0\troot\t_\t_\n4\t.\t.\tPUNCT\t.\t_\t3\tpunct\t_\t_\n\n";
    }
    return conllu;
  };
  Write(dir + "/data/train.conllu", treebank(60));
  Write(dir + "/data/dev.conllu", treebank(20));
  Write(dir + "/models/recipes/tiny.json",
        R"({"task": "pos", "model": "tiny.cgm", "train": "data/train.conllu", "dev": "data/dev.conllu",
            "seed": 1, "epochs": 3, "stack_folds": 2, "beam": 3, "bagging": 2,
            "dictionary": {"min_count": 1000}})");
  auto recipe = LoadRecipe(dir + "/models/recipes/tiny.json");
  ASSERT_TRUE(recipe.ok()) << recipe.status().message();
  auto tagger = TrainPosTagger(*recipe, learn::WordClusters(), {});
  ASSERT_TRUE(tagger.ok()) << tagger.status().message();
  std::vector<std::string> upos, xpos;
  std::vector<std::string_view> words = {"the", "cat", "swims", "."};
  tagger->TagWords(words, &upos, &xpos);
  EXPECT_EQ(upos, (std::vector<std::string>{"DET", "NOUN", "VERB", "PUNCT"}));
  EXPECT_EQ(xpos, (std::vector<std::string>{"DT", "NN", "VBZ", "."}));
  ASSERT_TRUE(tagger->Save(recipe->model).ok());
  auto loaded = PosTagger::Load(recipe->model);
  ASSERT_TRUE(loaded.ok()) << loaded.status().message();
  std::vector<std::string> upos2, xpos2;
  loaded->TagWords(words, &upos2, &xpos2);
  EXPECT_EQ(upos2, upos);
  EXPECT_EQ(xpos2, xpos);

  // Taggers keep per-thread word caches: another model in between must not leak into them.
  auto committed = PosTagger::Load(SourceDir() + "/models/pos/en-ewt.cgm");
  ASSERT_TRUE(committed.ok()) << committed.status().message();
  std::vector<std::string_view> other = {"the", "cat", "swims", "fast", "."};
  std::vector<std::string> real_upos, tiny_upos, again;
  committed->TagWords(other, &real_upos, nullptr);
  tagger->TagWords(other, &tiny_upos, nullptr);
  committed->TagWords(other, &again, nullptr);
  EXPECT_EQ(again, real_upos);
  EXPECT_EQ(real_upos[3], "ADV");
  EXPECT_NE(tiny_upos[3], "ADV");  // the tiny model never saw an adverb
}

TEST(Models, TruncatedModelIsRefusedNamingTheFile) {
  std::string dir = TempDir();
  learn::ByteWriter w;
  w.U32(NerModel::kFeatureVersion);
  w.String("{}");
  std::string path = dir + "/cut.cgm";
  ASSERT_TRUE(learn::WriteModelFile(path, kNerModelKind, w.data()).ok());
  auto r = EntityRecognizer::Load(path);
  ASSERT_FALSE(r.ok());
  EXPECT_NE(r.status().message().find(path + ": truncated"), std::string::npos) << r.status().message();
}

TEST(Models, OlderNerFeatureVersionIsRefusedSayingRetrain) {
  std::string dir = TempDir();
  learn::ByteWriter w;
  w.U32(NerModel::kFeatureVersion - 1);
  w.String("{}");
  std::string path = dir + "/old-ner.cgm";
  ASSERT_TRUE(learn::WriteModelFile(path, kNerModelKind, w.data()).ok());
  auto r = EntityRecognizer::Load(path);
  ASSERT_FALSE(r.ok());
  EXPECT_NE(r.status().message().find(path), std::string::npos) << r.status().message();
  EXPECT_NE(r.status().message().find("NER feature version 4, this build uses 5"), std::string::npos)
      << r.status().message();
  EXPECT_NE(r.status().message().find("retrain"), std::string::npos);
}

// ---- the committed models ----

std::string ModelPath(const std::string& relative) { return SourceDir() + "/models/" + relative; }

TEST(CommittedModels, TagADocument) {
  auto pos = PosTagger::Load(ModelPath("pos/en-ewt.cgm"));
  ASSERT_TRUE(pos.ok()) << pos.status().message();
  auto ner = EntityRecognizer::Load(ModelPath("ner/en-conll.cgm"));
  ASSERT_TRUE(ner.ok()) << ner.status().message();
  Document doc;
  doc.text = "The minister met Angela Merkel in Berlin on Monday. She said the talks went well.";
  text::Segment(doc);
  std::vector<std::string> upos, xpos;
  pos->Tag(doc, &upos, &xpos);
  ASSERT_EQ(upos.size(), doc.tokens.size());
  EXPECT_EQ(upos[0], "DET");
  EXPECT_EQ(upos[1], "NOUN");
  EXPECT_EQ(upos[2], "VERB");
  EXPECT_EQ(xpos[2], "VBD");
  EXPECT_EQ(upos[3], "PROPN");
  auto mentions = ner->Recognize(doc);
  ASSERT_GE(mentions.size(), 2u);
  EXPECT_EQ(doc.slice(mentions[0].span), "Angela Merkel");
  EXPECT_EQ(mentions[0].type, "PER");
  EXPECT_EQ(doc.slice(mentions[1].span), "Berlin");
  EXPECT_EQ(mentions[1].type, "LOC");
}

TEST(CommittedModels, AreSharedByThreads) {
  auto pos = PosTagger::Load(ModelPath("pos/en-ewt.cgm"));
  auto ner = EntityRecognizer::Load(ModelPath("ner/en-conll.cgm"));
  ASSERT_TRUE(pos.ok() && ner.ok());
  Document doc;
  doc.text =
      "Shares of Siemens rose in Frankfurt after the company said profits doubled. "
      "Chief executive Peter Loescher told Reuters the outlook was good.";
  text::Segment(doc);
  std::vector<std::string> upos, xpos;
  pos->Tag(doc, &upos, &xpos);
  std::vector<std::string> entities = ner->Label(doc);
  std::vector<int> same(4, 0);
  std::vector<std::thread> threads;
  for (int t = 0; t < 4; ++t) {
    threads.emplace_back([&, t] {
      bool ok = true;
      for (int round = 0; round < 20; ++round) {
        std::vector<std::string> u, x;
        pos->Tag(doc, &u, &x);
        ok = ok && u == upos && x == xpos && ner->Label(doc) == entities;
      }
      same[t] = ok;
    });
  }
  for (auto& th : threads) th.join();
  EXPECT_EQ(same, std::vector<int>(4, 1));
}

// Reaches the recipe's expected dev scores; needs the shared corpora beside the checkout.
TEST(CommittedModels, ReachTheRecipesExpectedDevScores) {
  if (!fs::exists(SourceDir() + "/../shared/data")) GTEST_SKIP() << "no ../shared/data beside the source tree";
  auto pos_recipe = LoadRecipe(SourceDir() + "/models/recipes/pos.json");
  ASSERT_TRUE(pos_recipe.ok()) << pos_recipe.status().message();
  auto pos = PosTagger::Load(pos_recipe->model);
  ASSERT_TRUE(pos.ok()) << pos.status().message();
  auto ewt = ReadConllu(pos_recipe->dev);
  ASSERT_TRUE(ewt.ok()) << ewt.status().message();
  PosScores ps = EvaluatePos(*pos, *ewt);
  EXPECT_GE(ps.upos, pos_recipe->expected_dev.at("upos"));
  EXPECT_GE(ps.xpos, pos_recipe->expected_dev.at("xpos"));

  auto ner_recipe = LoadRecipe(SourceDir() + "/models/recipes/ner.json");
  ASSERT_TRUE(ner_recipe.ok()) << ner_recipe.status().message();
  auto ner = EntityRecognizer::Load(ner_recipe->model);
  ASSERT_TRUE(ner.ok()) << ner.status().message();
  auto conll = ReadConll2003(ner_recipe->dev, true);
  ASSERT_TRUE(conll.ok()) << conll.status().message();
  EXPECT_GE(EvaluateEntities(*ner, *conll).f1, ner_recipe->expected_dev.at("f1"));
}

}  // namespace
}  // namespace claimgraph::tagging
