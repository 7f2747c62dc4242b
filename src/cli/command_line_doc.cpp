// describe_command_line and the man page (see command_line_doc.hpp); the completion scripts are
// in completion_scripts.cpp.
#include "cli/command_line_doc.hpp"

#include <CLI/CLI.hpp>
#include <algorithm>
#include <cctype>

#include "cli/verbs.hpp"

namespace retort::cli {
namespace {

// How an option's value is called and completed, by the option's name. An option not listed
// takes text and is called by its long name in capitals.
struct ValueName {
  const char* option;
  const char* value;
  ValueKind kind;
};
constexpr ValueName kValueNames[] = {
    {"--config", "FILE", ValueKind::File},
    {"--env", "NAME", ValueKind::Text},
    {"--url", "URL", ValueKind::Text},
    {"-x", "KEY=VALUE", ValueKind::Text},
    {"--message", "MESSAGE", ValueKind::Text},
    {"--head", "REV", ValueKind::Revision},
    {"--branch-label", "LABEL", ValueKind::Text},
    {"--depends-on", "REV", ValueKind::Revision},
    {"--rev-id", "ID", ValueKind::Text},
    {"--version-path", "DIR", ValueKind::Directory},
    {"--rev-range", "RANGE", ValueKind::Revision},
    {"--template", "NAME", ValueKind::Template},
    {"--check", "NAME", ValueKind::Text},
    {"--junit", "FILE", ValueKind::File},
    {"--fixtures", "DIR", ValueKind::Directory},
    {"--applied", "REV", ValueKind::Revision},
    {"--not-applied", "REV", ValueKind::Revision},
    // positionals
    {"REV", "REV", ValueKind::Revision},
    {"REVS", "REVS", ValueKind::Revision},
    {"DIR", "DIR", ValueKind::Directory},
    {"SHELL", "SHELL", ValueKind::Shell},
};

std::string upper(std::string s) {
  for (char& c : s)
    c = c == '-' ? '_' : static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  return s;
}

OptionDoc option_doc(const CLI::Option& o) {
  OptionDoc d;
  d.help = o.get_description();
  d.required = o.get_required();
  d.positional = !o.nonpositional();
  if (d.positional) {
    d.names.push_back(o.get_name(true));
  } else {
    for (const auto& s : o.get_snames()) d.names.push_back("-" + s);
    for (const auto& l : o.get_lnames()) d.names.push_back("--" + l);
  }
  const bool takes_value = d.positional || o.get_expected_max() > 0;  // a flag expects 0
  d.repeatable = takes_value && o.get_items_expected_max() > 1;
  if (!takes_value) return d;
  d.kind = ValueKind::Text;
  for (const auto& n : d.names) {
    for (const ValueName& v : kValueNames) {
      if (n == v.option) {
        d.value = v.value;
        d.kind = v.kind;
      }
    }
  }
  if (d.value.empty()) {
    d.value = d.positional ? d.names.front()
                           : upper(d.names.back().substr(d.names.back()[1] == '-' ? 2 : 1));
  }
  return d;
}

// roff text: backslashes and hyphens escaped, no line that starts as a request.
std::string roff(const std::string& text) {
  std::string out;
  for (char c : text) {
    if (c == '\\') {
      out += "\\e";
    } else if (c == '-') {
      out += "\\-";
    } else {
      out += c;
    }
  }
  if (!out.empty() && (out[0] == '.' || out[0] == '\'')) out.insert(0, "\\&");
  return out;
}

std::string option_head(const OptionDoc& o) {
  std::string out;
  for (const auto& n : o.names) {
    if (!out.empty()) out += ", ";
    out += o.positional ? "\\fI" + roff(n) + "\\fR" : "\\fB" + roff(n) + "\\fR";
  }
  if (!o.positional && !o.value.empty()) out += " \\fI" + roff(o.value) + "\\fR";
  if (o.repeatable) out += " ...";
  return out;
}

void write_options(const std::vector<OptionDoc>& options, std::ostream& out) {
  for (const auto& o : options) {
    out << ".TP\n" << option_head(o) << '\n' << roff(o.help) << '\n';
  }
}

std::string synopsis(const VerbDoc& v) {
  std::string s = "\\fBretort " + roff(v.name) + "\\fR";
  for (const auto& o : v.options) {
    if (o.names.front() == "-h") continue;
    std::string name = o.names.back();
    std::string item = "\\fB" + roff(name) + "\\fR";
    if (!o.value.empty()) item += " \\fI" + roff(o.value) + "\\fR";
    s += o.required ? " " + item : " [" + item + "]";
    if (o.repeatable) s += "...";
  }
  for (const auto& p : v.positionals) {
    std::string item = "\\fI" + roff(p.names.front()) + "\\fR";
    if (p.repeatable) item += "...";
    s += p.required ? " " + item : " [" + item + "]";
  }
  return s;
}

}  // namespace

CommandLineDoc describe_command_line(const CLI::App& root) {
  CommandLineDoc doc;
  doc.description = root.get_description();
  for (const CLI::Option* o : root.get_options()) {
    if (!o->nonpositional()) continue;
    doc.global.push_back(option_doc(*o));
  }
  for (const Verb& v : verbs()) {
    CLI::App sub{v.help, v.name};
    v.setup(sub);
    if (sub.get_group().empty()) continue;  // hidden: the verbs the completion scripts call
    VerbDoc vd;
    vd.name = v.name;
    vd.help = v.help;
    for (const CLI::Option* o : sub.get_options()) {
      OptionDoc d = option_doc(*o);
      (d.positional ? vd.positionals : vd.options).push_back(std::move(d));
    }
    doc.verbs.push_back(std::move(vd));
  }
  return doc;
}

void write_man_page(const CommandLineDoc& doc, std::ostream& out) {
  out << ".\\\" retort(1), generated by `retort __man` from the command line's own definition.\n"
         ".TH RETORT 1 \"\" \"retort\" \"retort manual\"\n"
         ".SH NAME\nretort \\- "
      << roff(doc.description.substr(
             doc.description.find(": ") == std::string::npos ? 0 : doc.description.find(": ") + 2))
      << "\n.SH SYNOPSIS\n\\fBretort\\fR [\\fIGLOBAL OPTIONS\\fR] \\fICOMMAND\\fR [\\fIARGS\\fR]"
         " [\\fIOPTIONS\\fR]\n"
         ".SH DESCRIPTION\n"
         "retort keeps a database schema under version control, as Alembic does: every change is "
         "a revision script (Lua, or plain SQL) with an upgrade and a downgrade, revisions form a "
         "graph, and \\fBretort upgrade head\\fR applies what is pending in one transaction where "
         "the database allows. Destructive operations on tables that hold data are refused "
         "unless the revision or the command line allows them.\n"
         ".PP\nThe project is configured by \\fIretort.toml\\fR (see \\fBFILES\\fR). Global "
         "options may come before or after the command.\n"
         ".SH GLOBAL OPTIONS\n";
  write_options(doc.global, out);
  out << ".SH COMMANDS\n";
  for (const auto& v : doc.verbs) {
    out << ".SS " << roff(v.name) << "\n" << synopsis(v) << "\n.PP\n" << roff(v.help) << ".\n";
    write_options(v.positionals, out);
    write_options(v.options, out);
  }
  out << ".SH REVISION NAMES\n"
         "Where a command takes \\fIREV\\fR: a full or unambiguous partial id, \\fBhead\\fR, "
         "\\fBheads\\fR, \\fBbase\\fR, \\fBcurrent\\fR, \\fB+N\\fR and \\fB\\-N\\fR (relative to "
         "the database), \\fIREV\\fR\\fB+N\\fR, a branch label, \\fIlabel\\fR\\fB@head\\fR, and "
         "for \\fB\\-\\-sql\\fR runs a range \\fIA\\fR\\fB:\\fR\\fIB\\fR.\n"
         ".SH EXIT STATUS\n"
         ".TP\n\\fB0\\fR\nsuccess\n"
         ".TP\n\\fB1\\fR\nfailure: configuration, script, revision graph, database, refused data "
         "loss, lock timeout; \\fBcheck\\fR finding differences\n"
         ".TP\n\\fB2\\fR\nusage: unknown command or option, missing argument\n"
         ".PP\nEvery failure is one line on standard error, \\fBretort: error: "
         "\\fR\\fImessage\\fR.\n"
         ".SH ENVIRONMENT\n"
         ".TP\n\\fBRETORT_CONFIG\\fR\nthe configuration file when \\fB\\-c\\fR is not given\n"
         ".TP\n\\fBRETORT_ENV\\fR\nthe environment (an [env.NAME] table) when \\fB\\-\\-env\\fR is "
         "not given\n"
         ".TP\n\\fBDATABASE_URL\\fR\nthe database URL; \\fB\\-\\-url\\fR beats it, it beats the "
         "file\n"
         ".TP\n\\fBEDITOR\\fR, \\fBVISUAL\\fR\nthe editor \\fBretort edit\\fR runs\n"
         ".SH FILES\n"
         ".TP\n\\fIretort.toml\\fR\nthe project's configuration: script_location, url, "
         "environments\n"
         ".TP\n\\fImigrations/versions/*.lua\\fR, \\fI*.sql\\fR\nthe revision scripts\n"
         ".TP\n\\fI.luarc.json\\fR, \\fImigrations/.luals/\\fR\ntype definitions for editors "
         "(written by \\fBretort init\\fR)\n"
         ".SH SEE ALSO\n"
         "The documentation in docs/ of the retort sources: guide.md, commands.md, "
         "configuration.md, revisions.md, script\\-api.md, editor.md.\n"
         "Shell completion: \\fBretort completion bash\\fR|\\fBzsh\\fR|\\fBfish\\fR.\n";
}

}  // namespace retort::cli
