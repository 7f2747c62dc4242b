# retort import-alembic's helper: reads an Alembic project with Python's own parser (ast) and
# prints it as JSON on stdout: the configuration, and per revision its header fields and its
# upgrade()/downgrade() translated to retort's Lua, with what could not be translated.
#
# retort embeds this file and runs it with the system's python3 for `import-alembic` only.
# It never imports the project's code: revision files are parsed, not executed.
#
#   python3 alembic_helper.py PATH    PATH: a folder with alembic.ini or pyproject.toml, or the
#                                     alembic.ini / pyproject.toml file itself
# Exit 0 with the JSON; exit 3 with one line on stderr when the project cannot be read.
import ast
import configparser
import io
import json
import os
import re
import sys
import tokenize


class Refused(Exception):
    """Something the translation cannot do faithfully; the message is the reason."""


def fail(msg):
    sys.stderr.write(msg + "\n")
    sys.exit(3)


# ---------------------------------------------------------------------------------------------
# Configuration: alembic.ini or pyproject.toml [tool.alembic], then env.py


def read_config(path):
    path = os.path.abspath(path)
    if os.path.isdir(path):
        ini = os.path.join(path, "alembic.ini")
        pyproject = os.path.join(path, "pyproject.toml")
        if os.path.isfile(ini):
            path = ini
        elif os.path.isfile(pyproject):
            path = pyproject
        else:
            fail("import-alembic: no alembic.ini or pyproject.toml in " + path)
    if not os.path.isfile(path):
        fail("import-alembic: " + path + " does not exist")
    here = os.path.dirname(path)
    out = {"source": path, "url": None, "version_locations": [], "path_separator": None}
    if path.endswith(".toml"):
        try:
            import tomllib
        except ImportError:
            fail("import-alembic: reading pyproject.toml needs Python 3.11 or later (tomllib)")
        with open(path, "rb") as f:
            data = tomllib.load(f)
        sect = data.get("tool", {}).get("alembic")
        if sect is None:
            fail("import-alembic: " + path + " has no [tool.alembic] section")
        loc = sect.get("script_location")
        vls = sect.get("version_locations") or []
        if isinstance(vls, str):
            vls = vls.split()
        sub = lambda s: s.replace("%(here)s", here).replace("{here}", here)
        if loc is None:
            fail("import-alembic: [tool.alembic] in " + path + " has no script_location")
        out["script_location"] = sub(loc)
        out["version_locations"] = [sub(v) for v in vls]
        # A pyproject never holds the URL; alembic.ini beside it may.
        ini = os.path.join(here, "alembic.ini")
        if os.path.isfile(ini):
            cp = configparser.ConfigParser(defaults={"here": here})
            cp.read(ini)
            if cp.has_option("alembic", "sqlalchemy.url"):
                out["url"] = cp.get("alembic", "sqlalchemy.url", raw=False)
    else:
        cp = configparser.ConfigParser(defaults={"here": here})
        try:
            cp.read(path)
        except configparser.Error as e:
            fail("import-alembic: cannot read " + path + ": " + str(e).splitlines()[0])
        if not cp.has_section("alembic"):
            fail("import-alembic: " + path + " has no [alembic] section")
        try:
            loc = cp.get("alembic", "script_location")
        except configparser.NoOptionError:
            # Flask-Migrate keeps alembic.ini inside the script folder and sets the location
            # itself: the folder holding env.py and versions/ is the script location.
            if os.path.isfile(os.path.join(here, "env.py")) and \
                    os.path.isdir(os.path.join(here, "versions")):
                loc = here
            else:
                fail("import-alembic: [alembic] in " + path + " has no script_location")
        out["script_location"] = loc
        if cp.has_option("alembic", "version_locations"):
            raw = cp.get("alembic", "version_locations")
            sep = cp.get("alembic", "version_path_separator", fallback=None)
            sep = cp.get("alembic", "path_separator", fallback=sep)
            seps = {"space": " ", "comma": ",", "colon": ":", "semicolon": ";", "newline": "\n",
                    "os": os.pathsep}
            if sep in seps:
                parts = raw.split(seps[sep])
            else:
                parts = re.split(r"[ ,]+", raw)
            out["version_locations"] = [p.strip() for p in parts if p.strip()]
        if cp.has_option("alembic", "sqlalchemy.url"):
            try:
                out["url"] = cp.get("alembic", "sqlalchemy.url")
            except configparser.Error:
                out["url"] = None
    loc = out["script_location"]
    if ":" in loc and not os.path.isabs(loc):
        fail("import-alembic: script_location " + loc + " names a Python package; give the "
             "folder instead")
    if not os.path.isabs(loc):
        loc = os.path.join(here, loc)
    out["script_location"] = os.path.normpath(loc)
    vls = []
    for v in out["version_locations"]:
        vls.append(os.path.normpath(v if os.path.isabs(v) else os.path.join(here, v)))
    if not vls:
        vls = [os.path.join(out["script_location"], "versions")]
    out["version_locations"] = vls
    out.update(read_env(out["script_location"]))
    return out


def read_env(script_location):
    """version_table / version_table_schema, when env.py passes them as string literals."""
    env = os.path.join(script_location, "env.py")
    res = {"version_table": "alembic_version", "version_table_schema": None, "env_notes": []}
    if not os.path.isfile(env):
        res["env_notes"].append("no env.py in " + script_location)
        return res
    try:
        with open(env, encoding="utf-8") as f:
            tree = ast.parse(f.read(), env)
    except (SyntaxError, UnicodeDecodeError) as e:
        res["env_notes"].append("env.py could not be parsed: " + str(e))
        return res
    consts = {}
    for node in tree.body:
        if isinstance(node, ast.Assign) and len(node.targets) == 1 and \
                isinstance(node.targets[0], ast.Name) and isinstance(node.value, ast.Constant):
            consts[node.targets[0].id] = node.value.value
    for node in ast.walk(tree):
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and \
                node.func.attr == "configure":
            for kw in node.keywords:
                if kw.arg in ("version_table", "version_table_schema"):
                    v = kw.value
                    if isinstance(v, ast.Constant) and v.value is None:
                        continue  # Alembic's default
                    if isinstance(v, ast.Constant) and isinstance(v.value, str):
                        res[kw.arg] = v.value
                    elif isinstance(v, ast.Name) and isinstance(consts.get(v.id), str):
                        res[kw.arg] = consts[v.id]
                    else:
                        res["env_notes"].append(
                            "env.py line %d sets %s to an expression: set it in retort.toml "
                            "by hand" % (v.lineno, kw.arg))
    return res


# ---------------------------------------------------------------------------------------------
# Lua output helpers

LUA_KEYWORDS = {"and", "break", "do", "else", "elseif", "end", "false", "for", "function",
                "goto", "if", "in", "local", "nil", "not", "or", "repeat", "return", "then",
                "true", "until", "while"}
IDENT = re.compile(r"^[A-Za-z_][A-Za-z0-9_]*$")


def lua_name(name):
    return name + "_" if name in LUA_KEYWORDS else name


def lua_str(s):
    out = ['"']
    for ch in s:
        o = ord(ch)
        if ch == '"':
            out.append('\\"')
        elif ch == "\\":
            out.append("\\\\")
        elif ch == "\n":
            out.append("\\n")
        elif ch == "\t":
            out.append("\\t")
        elif ch == "\r":
            out.append("\\r")
        elif o < 32 or o == 127:
            out.append("\\%03d" % o)
        else:
            out.append(ch)
    out.append('"')
    return "".join(out)


def lua_key(k):
    return k if IDENT.match(k) and k not in LUA_KEYWORDS else "[" + lua_str(k) + "]"


def options(pairs):
    pairs = [(k, v) for k, v in pairs if v != "nil"]  # absent and nil are one in Lua
    if not pairs:
        return "{}"
    return "{ " + ", ".join(lua_key(k) + " = " + v for k, v in pairs) + " }"


# ---------------------------------------------------------------------------------------------
# What retort's op, batch and sa modules take (docs/script-api.md). Each op: its positional
# parameters in Alembic's order; a keyword naming one of them becomes positional again.

OPS = {
    "create_table": ["table_name"],  # then *columns
    "drop_table": ["table_name"],
    "rename_table": ["old_table_name", "new_table_name"],
    "add_column": ["table_name", "column"],
    "drop_column": ["table_name", "column_name"],
    "alter_column": ["table_name", "column_name"],
    "create_index": ["index_name", "table_name", "columns"],
    "drop_index": ["index_name"],
    "create_unique_constraint": ["constraint_name", "table_name", "columns"],
    "create_foreign_key": ["constraint_name", "source_table", "referent_table", "local_cols",
                           "remote_cols"],
    "create_check_constraint": ["constraint_name", "table_name", "condition"],
    "create_primary_key": ["constraint_name", "table_name", "columns"],
    "drop_constraint": ["constraint_name", "table_name"],
    "execute": ["sqltext"],
    "bulk_insert": ["table", "rows"],
    "f": ["name"],
    "inline_literal": ["value"],
    "create_table_comment": ["table_name", "comment"],
    "drop_table_comment": ["table_name"],
    # alembic-postgresql-enum's op (retort has it: docs/script-api.md).
    "sync_enum_values": ["enum_schema", "enum_name", "new_values", "affected_columns",
                         "enum_values_to_rename"],
}
# alembic_postgresql_enum.TableReference's fields, in order.
TABLE_REFERENCE = ["table_schema", "table_name", "column_name", "existing_server_default"]
# Keyword options that have no effect on the schema in Alembic and none in retort.
DROPPED_KWARGS = {
    "bulk_insert": {"multiinsert"},
    "execute": {"execution_options"},
}
BATCH_OPS = {
    "add_column": ["column"],
    "drop_column": ["column_name"],
    "alter_column": ["column_name"],
    "create_index": ["index_name", "columns"],
    "drop_index": ["index_name"],
    "create_unique_constraint": ["constraint_name", "columns"],
    "create_foreign_key": ["constraint_name", "referent_table", "local_cols", "remote_cols"],
    "create_check_constraint": ["constraint_name", "condition"],
    "create_primary_key": ["constraint_name", "columns"],
    "drop_constraint": ["constraint_name"],
    "f": ["name"],
}
SA_TYPES = {"Integer", "BigInteger", "SmallInteger", "String", "Text", "Boolean", "Date",
            "DateTime", "Time", "Numeric", "Float", "LargeBinary", "JSON", "Uuid", "Enum",
            "Unicode", "UnicodeText", "VARCHAR", "TEXT", "INTEGER", "BIGINT", "SMALLINT",
            "BOOLEAN", "DATE", "DATETIME", "TIMESTAMP", "TIME", "NUMERIC", "DECIMAL", "FLOAT",
            "BLOB", "UUID"}
# Native types SQLAlchemy spells in upper case that retort takes as sa.Type("NAME(args)").
NATIVE_TYPES = {"CHAR", "NCHAR", "NVARCHAR", "REAL", "DOUBLE", "DOUBLE_PRECISION", "BINARY",
                "VARBINARY", "CLOB", "INT", "JSONB", "INET", "CIDR", "MACADDR", "BYTEA",
                "TSVECTOR", "CITEXT", "MONEY", "OID", "INTERVAL", "HSTORE", "TINYINT",
                "MEDIUMINT", "LONGTEXT", "MEDIUMTEXT", "TINYTEXT", "LONGBLOB", "MEDIUMBLOB",
                "TINYBLOB", "YEAR", "BIT", "SET"}
SA_CONSTRUCTS = {"Column", "column", "ForeignKey", "ForeignKeyConstraint",
                 "PrimaryKeyConstraint", "UniqueConstraint", "CheckConstraint", "Index",
                 "table", "text", "desc", "asc", "nullsfirst", "nullslast"}
# Keyword arguments of SQLAlchemy types that only matter to Python (no DDL), dropped.
TYPE_PY_ONLY = {"as_uuid", "asdecimal", "convert_unicode", "native_enum", "create_constraint",
                "validate_strings", "values_callable", "none_as_null", "_expect_unicode",
                "decimal_return_scale", "_create_events", "omit_aliases", "length_", "unicode_error"}
# Column keyword arguments that are Python-side in SQLAlchemy (no DDL in Alembic either).
COLUMN_PY_ONLY = {"default", "onupdate", "key", "info", "doc", "quote", "system"}


# SQLAlchemy's MySQL table options are mysql_<OPTION> in any case, written as OPTION with the
# underscores as spaces: the character set and collation have several spellings.
MYSQL_OPTION_ALIASES = {"CHARSET": "mysql_charset", "DEFAULT_CHARSET": "mysql_charset",
                        "CHARACTER_SET": "mysql_charset", "DEFAULT_CHARACTER_SET": "mysql_charset",
                        "COLLATE": "mysql_collate", "DEFAULT_COLLATE": "mysql_collate"}


def mysql_option_name(key):
    """mysql_ENGINE is mysql_engine, mysql_DEFAULT_CHARSET is mysql_charset; others as given."""
    if not key.lower().startswith("mysql_"):
        return key
    rest = key[len("mysql_"):].upper()
    return MYSQL_OPTION_ALIASES.get(rest, "mysql_" + rest.lower())


class Scope:
    """Local names of one Lua function (and the module constants/helpers above it)."""

    def __init__(self, parent=None):
        self.parent = parent
        self.names = {}  # python name -> kind: "value", "bind", "table", "batch", "func"

    def lookup(self, name):
        s = self
        while s is not None:
            if name in s.names:
                return s.names[name]
            s = s.parent
        return None


class Translator:
    def __init__(self, source, tree, path):
        self.source = source
        self.lines = source.splitlines()
        self.tree = tree
        self.path = path
        self.imports = {}  # local name -> dotted origin ("sqlalchemy", "alembic.op", ...)
        self.comments = {}  # line -> comment text
        try:
            for tok in tokenize.generate_tokens(io.StringIO(source).readline):
                if tok.type == tokenize.COMMENT:
                    self.comments[tok.start[0]] = tok.string[1:].strip()
        except (tokenize.TokenError, IndentationError):
            pass
        self.module = Scope()
        self.reasons = []  # the current function's hand-work reasons
        self.helpers_used = set()
        self.notes = []
        self.unnamed_checks = []  # (table, name token, line) of the checks retort will name
        self.refuse_checks = {}  # line -> why its unnamed check needs a name (second pass)

    # -- imports ------------------------------------------------------------------------------
    def collect_imports(self):
        for node in self.tree.body:
            if isinstance(node, ast.Import):
                for a in node.names:
                    self.imports[(a.asname or a.name).split(".")[0]] = \
                        a.name if a.asname else a.name.split(".")[0]
            elif isinstance(node, ast.ImportFrom) and node.module:
                for a in node.names:
                    self.imports[a.asname or a.name] = node.module + "." + a.name

    def origin(self, node):
        """The dotted name an expression refers to through the imports, or None."""
        parts = []
        while isinstance(node, ast.Attribute):
            parts.append(node.attr)
            node = node.value
        if not isinstance(node, ast.Name):
            return None
        if self.current_scope().lookup(node.id) is not None:
            return None
        base = self.imports.get(node.id)
        if base is None:
            return None
        return ".".join([base] + list(reversed(parts)))

    # -- expressions --------------------------------------------------------------------------
    def expr(self, n):
        if isinstance(n, ast.Constant):
            v = n.value
            if v is None:
                return "nil"
            if v is True:
                return "true"
            if v is False:
                return "false"
            if isinstance(v, str):
                return lua_str(v)
            if isinstance(v, (int, float)):
                return repr(v)
            raise Refused("a %s constant" % type(v).__name__)
        if isinstance(n, (ast.List, ast.Tuple, ast.Set)):
            return "{ " + ", ".join(self.expr(e) for e in n.elts) + " }" if n.elts else "{}"
        if isinstance(n, ast.Dict):
            parts = []
            for k, v in zip(n.keys, n.values):
                if k is None:
                    raise Refused("a dict with ** unpacking")
                if isinstance(k, ast.Constant) and isinstance(k.value, str):
                    parts.append(lua_key(k.value) + " = " + self.expr(v))
                else:
                    parts.append("[" + self.expr(k) + "] = " + self.expr(v))
            return "{ " + ", ".join(parts) + " }" if parts else "{}"
        if isinstance(n, ast.JoinedStr):
            pieces = []
            for v in n.values:
                if isinstance(v, ast.Constant):
                    pieces.append(lua_str(v.value))
                else:
                    if v.format_spec is not None or v.conversion not in (-1, 115):
                        raise Refused("an f-string with a format specification")
                    pieces.append("tostring(" + self.expr(v.value) + ")")
            return "(" + " .. ".join(pieces or ['""']) + ")"
        if isinstance(n, ast.BinOp):
            if isinstance(n.op, ast.Add) and (self.is_str(n.left) or self.is_str(n.right)):
                return "(" + self.expr(n.left) + " .. " + self.expr(n.right) + ")"
            if isinstance(n.op, ast.Mod) and self.is_str(n.left):
                args = n.right.elts if isinstance(n.right, ast.Tuple) else [n.right]
                if isinstance(n.right, ast.Dict):
                    raise Refused("%-formatting with a dict")
                return "string.format(" + self.expr(n.left) + ", " + \
                    ", ".join(self.expr(a) for a in args) + ")"
            ops = {ast.Add: "+", ast.Sub: "-", ast.Mult: "*", ast.Div: "/"}
            if type(n.op) in ops and not (self.is_str(n.left) or self.is_str(n.right)):
                return "(" + self.expr(n.left) + " " + ops[type(n.op)] + " " + \
                    self.expr(n.right) + ")"
            raise Refused("the operator " + type(n.op).__name__)
        if isinstance(n, ast.UnaryOp):
            if isinstance(n.op, ast.Not):
                return "not " + self.expr(n.operand)
            if isinstance(n.op, ast.USub):
                return "-" + self.expr(n.operand)
            raise Refused("the operator " + type(n.op).__name__)
        if isinstance(n, ast.BoolOp):
            op = " and " if isinstance(n.op, ast.And) else " or "
            return "(" + op.join(self.expr(v) for v in n.values) + ")"
        if isinstance(n, ast.Compare):
            return self.compare(n)
        if isinstance(n, ast.Name):
            return self.name(n)
        if isinstance(n, ast.Attribute):
            return self.attribute(n)
        if isinstance(n, ast.Call):
            return self.call(n)
        if isinstance(n, ast.Subscript):
            raise Refused("indexing (Python's 0-based [] has no faithful Lua form)")
        raise Refused("a Python " + type(n).__name__ + " expression")

    def is_str(self, n):
        return (isinstance(n, ast.Constant) and isinstance(n.value, str)) or \
            isinstance(n, ast.JoinedStr) or \
            (isinstance(n, ast.BinOp) and isinstance(n.op, (ast.Add, ast.Mod)) and
             self.is_str(n.left)) or \
            (isinstance(n, ast.Name) and self.current_scope().lookup(n.id) == "str")

    def is_dialect_name(self, n):
        # op.get_bind().dialect.name, bind.dialect.name, op.get_context().dialect.name,
        # context.get_context().dialect.name
        if not (isinstance(n, ast.Attribute) and n.attr == "name" and
                isinstance(n.value, ast.Attribute) and n.value.attr == "dialect"):
            return False
        inner = n.value.value
        if isinstance(inner, ast.Name) and self.current_scope().lookup(inner.id) == "bind":
            return True
        if isinstance(inner, ast.Call) and not inner.args and \
                isinstance(inner.func, ast.Attribute) and \
                inner.func.attr in ("get_bind", "get_context") and \
                self.origin(inner.func.value) in ("alembic.op", "alembic.context"):
            return True
        return False

    def compare(self, n):
        if len(n.ops) != 1:
            raise Refused("a chained comparison")
        left, op, right = n.left, n.ops[0], n.comparators[0]
        dialect = self.is_dialect_name(left)
        lhs = "context.dialect" if dialect else self.expr(left)

        def val(e):
            if dialect and isinstance(e, ast.Constant) and e.value == "mariadb":
                return lua_str("mysql")
            return self.expr(e)
        if isinstance(op, (ast.In, ast.NotIn)):
            if not isinstance(right, (ast.List, ast.Tuple, ast.Set)):
                raise Refused("`in` over something other than a literal list")
            vals = []
            for e in right.elts:
                if val(e) not in vals:
                    vals.append(val(e))
            test = "(" + " or ".join(lhs + " == " + v for v in vals) + ")"
            return test if isinstance(op, ast.In) else "not " + test
        ops = {ast.Eq: "==", ast.NotEq: "~=", ast.Lt: "<", ast.LtE: "<=", ast.Gt: ">",
               ast.GtE: ">=", ast.Is: "==", ast.IsNot: "~="}
        if type(op) not in ops:
            raise Refused("the comparison " + type(op).__name__)
        if isinstance(op, (ast.Is, ast.IsNot)) and not (
                isinstance(right, ast.Constant) and right.value in (None, True, False)):
            raise Refused("`is` with something other than None, True or False")
        return "(" + lhs + " " + ops[type(op)] + " " + val(right) + ")"

    def name(self, n):
        kind = self.current_scope().lookup(n.id)
        if kind == "url":
            raise Refused("uses the database URL beyond startswith(<dialect>)")
        if kind is not None:
            return lua_name(n.id)
        origin = self.imports.get(n.id)
        if origin is not None:
            if origin.startswith("sqlalchemy."):
                last = origin.rsplit(".", 1)[1]
                if last in SA_TYPES:
                    return "sa." + last
                if last in NATIVE_TYPES:
                    return 'sa.Type("' + last.replace("_", " ") + '")'
            raise Refused("uses %s (imported from %s)" % (n.id, origin))
        raise Refused("uses %s, which is not defined in the revision file" % n.id)

    def attribute(self, n):
        if self.is_dialect_name(n):
            return "context.dialect"
        if isinstance(n.value, ast.Name) and self.current_scope().lookup(n.value.id) == "row":
            # A row of bind:query is keyed by column name, as SQLAlchemy's row attributes.
            return lua_name(n.value.id) + "." + n.attr if IDENT.match(n.attr) and \
                n.attr not in LUA_KEYWORDS else lua_name(n.value.id) + "[" + lua_str(n.attr) + "]"
        o = self.origin(n)
        if o is not None:
            if o.startswith("sqlalchemy.") and o.count(".") == 1:
                last = o.split(".")[1]
                if last in SA_TYPES:
                    return "sa." + last
            if o.startswith("sqlalchemy.dialects."):
                last = o.rsplit(".", 1)[1]
                if last in NATIVE_TYPES:
                    return 'sa.Type("' + last.replace("_", " ") + '")'
                if last in SA_TYPES:
                    return "sa." + last
            raise Refused("uses " + o)
        raise Refused("the attribute ." + n.attr)

    def kwargs(self, call, what, dropped=frozenset()):
        pairs = []
        for kw in call.keywords:
            if kw.arg is None:
                raise Refused("**kwargs in a call to " + what)
            if kw.arg in dropped:
                continue
            pairs.append((kw.arg, self.expr(kw.value)))
        return pairs

    def args_for(self, call, params, what, dropped=frozenset(), extra_positional=False):
        """Positional args (keywords naming a positional parameter moved back in place) and
        the remaining keyword options."""
        args = list(call.args)
        for a in args:
            if isinstance(a, ast.Starred):
                raise Refused("*args in a call to " + what)
        kws = [k for k in call.keywords]
        positional = [self.expr(a) for a in args]
        rest = []
        by_name = {k.arg: k for k in kws if k.arg is not None}
        if len(args) < len(params):
            for p in params[len(args):]:
                if p in by_name:
                    # fill the gap with nil if an earlier one is missing
                    while len(positional) < params.index(p):
                        positional.append("nil")
                    positional.append(self.expr(by_name.pop(p).value))
        for k in kws:
            if k.arg is None:
                raise Refused("**kwargs in a call to " + what)
            if k.arg in by_name and k.arg not in dropped:
                self.server_default_ctx = k.arg == "server_default"
                try:
                    rest.append((mysql_option_name(k.arg), self.expr(k.value)))
                finally:
                    self.server_default_ctx = False
        return positional, rest

    def call(self, n):
        f = n.func
        fo = self.origin(f)
        # op.NAME(...)
        if isinstance(f, ast.Attribute) and self.origin(f.value) == "alembic.op":
            return self.op_call("op", f.attr, n, OPS)
        if isinstance(f, ast.Attribute) and isinstance(f.value, ast.Name) and \
                self.current_scope().lookup(f.value.id) == "batch":
            return self.op_call(lua_name(f.value.id), f.attr, n, BATCH_OPS)
        if isinstance(f, ast.Attribute) and f.attr == "is_offline_mode" and not n.args and \
                self.origin(f.value) in ("alembic.context", "alembic.op"):
            return "context.is_offline_mode"
        if isinstance(f, ast.Attribute) and isinstance(f.value, ast.Name) and \
                self.current_scope().lookup(f.value.id) == "bind":
            return self.bind_call(lua_name(f.value.id), f.attr, n)
        if isinstance(f, ast.Attribute) and isinstance(f.value, ast.Call) and \
                self.is_get_bind(f.value):
            return self.bind_call("op.get_bind()", f.attr, n)
        if fo is not None and fo.startswith("sqlalchemy"):
            return self.sa_call(fo, n)
        if fo is not None and fo.startswith("alembic_postgresql_enum") and \
                fo.endswith(".TableReference"):
            # A plain table with the same fields, which op.sync_enum_values reads.
            pos, kw = self.args_for(n, TABLE_REFERENCE, "TableReference")
            pairs = list(zip(TABLE_REFERENCE, pos)) + kw
            return options(pairs)
        if isinstance(f, ast.Name):
            kind = self.current_scope().lookup(f.id)
            if kind == "func":
                self.helpers_used.add(f.id)
                pos, kw = self.args_for(n, [], f.id)
                if kw:
                    raise Refused("keyword arguments to the helper " + f.id)
                return lua_name(f.id) + "(" + ", ".join(pos) + ")"
            if f.id == "print" and not n.keywords and kind is None:
                # Python prints to stdout; retort's print writes to stderr (stdout is for --sql).
                return "print(" + ", ".join(self.expr(a) for a in n.args) + ")"
            if f.id in ("str",) and len(n.args) == 1 and not n.keywords:
                return "tostring(" + self.expr(n.args[0]) + ")"
            if f.id in ("int", "float") and len(n.args) == 1 and not n.keywords:
                return "tonumber(" + self.expr(n.args[0]) + ")"
            if f.id == "len" and len(n.args) == 1:
                return "#" + self.expr(n.args[0])
        if isinstance(f, ast.Attribute) and f.attr in ("update", "insert", "delete", "where",
                                                       "values"):
            stmt = self.table_statement(n)
            if stmt is not None:
                return stmt
        if isinstance(f, ast.Attribute) and f.attr in ("create", "drop") and \
                isinstance(f.value, ast.Call) and \
                self.origin(f.value.func) in ("sqlalchemy.Enum",
                                              "sqlalchemy.dialects.postgresql.ENUM"):
            return self.enum_ddl(f.attr, f.value, n)
        if isinstance(f, ast.Attribute) and f.attr == "startswith" and \
                isinstance(f.value, ast.Name) and \
                self.current_scope().lookup(f.value.id) == "url" and len(n.args) == 1 and \
                isinstance(n.args[0], ast.Constant) and \
                n.args[0].value in ("sqlite", "postgres", "postgresql", "mysql", "mariadb"):
            # str(bind.engine.url).startswith("sqlite"): the URL's dialect.
            v = {"postgres": "postgresql", "mariadb": "mysql"}.get(n.args[0].value,
                                                                   n.args[0].value)
            return "(context.dialect == " + lua_str(v) + ")"
        if isinstance(f, ast.Attribute) and f.attr in ("format",) and self.is_str(f.value):
            raise Refused("str.format()")
        if isinstance(f, ast.Attribute) and f.attr in ("upper", "lower") and not n.args and \
                self.is_str(f.value):
            return "string." + f.attr + "(" + self.expr(f.value) + ")"
        if isinstance(f, ast.Attribute) and f.attr == "join" and self.is_str(f.value) and \
                len(n.args) == 1:
            return "table.concat(" + self.expr(n.args[0]) + ", " + self.expr(f.value) + ")"
        what = ast.unparse(f)
        root = f
        while isinstance(root, ast.Attribute):
            root = root.value
        if isinstance(root, ast.Name) and root.id in self.imports and \
                self.current_scope().lookup(root.id) is None:
            raise Refused("calls %s() (imported from %s)" % (what, self.imports[root.id]))
        raise Refused("calls " + what + "()")

    CONDITIONS = {ast.Eq: "eq", ast.NotEq: "ne", ast.Lt: "lt", ast.LtE: "le", ast.Gt: "gt",
                  ast.GtE: "ge"}

    def table_statement(self, n):
        """t.update().where(...).values(...), t.insert().values(...), t.delete().where(...) on
        a table from sa.table(...) (or reflected): retort's table expressions, written with
        methods (Lua has no == that builds an expression). None when it is no such chain."""
        chain = []
        cur = n
        while isinstance(cur, ast.Call) and isinstance(cur.func, ast.Attribute):
            chain.append(cur)
            cur = cur.func.value
        if not (isinstance(cur, ast.Name) and self.current_scope().lookup(cur.id) == "table"):
            return None
        chain.reverse()
        table = cur.id
        verb = chain[0].func.attr
        if verb not in ("update", "insert", "delete") or chain[0].args or chain[0].keywords:
            return None
        out = lua_name(table) + ":" + verb + "()"
        for c in chain[1:]:
            m = c.func.attr
            if m == "where" and verb != "insert" and not c.keywords and c.args:
                out += ":where(" + ", ".join(self.table_condition(table, a)
                                             for a in c.args) + ")"
            elif m == "values" and verb != "delete" and (
                    (not c.args and c.keywords) or (not c.keywords and len(c.args) == 1 and
                                                    isinstance(c.args[0], ast.Dict))):
                # values(a=1) or values({"a": 1}): the same statement in SQLAlchemy.
                if c.keywords:
                    pairs = [(k.arg, k.value) for k in c.keywords]
                else:
                    pairs = [(k.value if isinstance(k, ast.Constant) and
                              isinstance(k.value, str) else None, v)
                             for k, v in zip(c.args[0].keys, c.args[0].values)]
                items = []
                for k, v in pairs:
                    if k is None:
                        raise Refused("values() with keys other than column names")
                    if self.column_of(table, v) is not None:
                        raise Refused("values() from another column (%s)" % ast.unparse(v))
                    items.append(lua_key(k) + " = " + self.table_value(v))
                out += ":values({ " + ", ".join(items) + " })"
            else:
                raise Refused("%s.%s() on a table expression" % (table, m))
        return out

    def column_of(self, table, e):
        """The column name of t.c.NAME / t.columns.NAME / t.c["NAME"], or None."""
        if isinstance(e, ast.Attribute) and isinstance(e.value, ast.Attribute) and \
                e.value.attr in ("c", "columns") and isinstance(e.value.value, ast.Name) and \
                e.value.value.id == table:
            return e.attr
        return None

    def table_value(self, e):
        """A value in a table expression. op.inline_literal(v) there is the value v: SQLAlchemy
        writes it into the SQL, retort binds it (its op.inline_literal returns quoted SQL text,
        which a table expression would store with the quotes)."""
        if isinstance(e, ast.Call) and len(e.args) == 1 and not e.keywords and \
                self.origin(e.func) == "alembic.op.inline_literal":
            return self.expr(e.args[0])
        return self.expr(e)

    def is_null(self, e):
        """None, or SQLAlchemy's null() (sa.null(), sqlalchemy.sql.null())."""
        if isinstance(e, ast.Constant) and e.value is None:
            return True
        return isinstance(e, ast.Call) and not e.args and not e.keywords and \
            self.origin(e.func) in ("sqlalchemy.null", "sqlalchemy.sql.null",
                                    "sqlalchemy.sql.expression.null")

    def table_condition(self, table, e):
        if isinstance(e, ast.Compare) and len(e.ops) == 1 and \
                type(e.ops[0]) in self.CONDITIONS:
            col = self.column_of(table, e.left)
            if col is None or self.column_of(table, e.comparators[0]) is not None:
                raise Refused("a condition other than column <op> value: " + ast.unparse(e))
            if type(e.ops[0]) in (ast.Eq, ast.NotEq) and self.is_null(e.comparators[0]):
                # SQLAlchemy writes `c == None` and `c == null()` as IS NULL (!= as IS NOT).
                return "%s.c.%s:%s(nil)" % (lua_name(table), col,
                                           "is_" if isinstance(e.ops[0], ast.Eq) else "isnot")
            return "%s.c.%s:%s(%s)" % (lua_name(table), col, self.CONDITIONS[type(e.ops[0])],
                                       self.table_value(e.comparators[0]))
        if isinstance(e, ast.Call) and isinstance(e.func, ast.Attribute) and \
                e.func.attr in ("in_", "like", "is_", "isnot", "is_not") and \
                len(e.args) == 1 and not e.keywords:
            col = self.column_of(table, e.func.value)
            if col is not None:
                m = "isnot" if e.func.attr == "is_not" else e.func.attr
                return "%s.c.%s:%s(%s)" % (lua_name(table), col, m,
                                           self.table_value(e.args[0]))
        raise Refused("the condition " + ast.unparse(e))

    def query_call(self, it):
        """bind.execute(sql[, params]) (or its .fetchall()) iterated: the Lua bind:query(...),
        or None when `it` is not that."""
        if isinstance(it, ast.Call) and isinstance(it.func, ast.Attribute) and \
                it.func.attr == "fetchall" and not it.args:
            it = it.func.value
        if not (isinstance(it, ast.Call) and isinstance(it.func, ast.Attribute) and
                it.func.attr == "execute"):
            return None
        recv = it.func.value
        if isinstance(recv, ast.Name) and self.current_scope().lookup(recv.id) == "bind":
            bind = lua_name(recv.id)
        elif self.is_get_bind(recv):
            bind = "op.get_bind()"
        else:
            return None
        text = self.bind_call(bind, "execute", it)
        return text.replace(":execute(", ":query(", 1)

    def enum_ddl(self, verb, enum, call):
        """sa.Enum(..., name=N).create(bind) / .drop(bind): PostgreSQL's CREATE/DROP TYPE;
        SQLAlchemy does nothing on the other databases (their enums are not types)."""
        name = None
        for k in enum.keywords:
            if k.arg == "name" and isinstance(k.value, ast.Constant):
                name = k.value.value
            elif k.arg not in ("create_type", "native_enum"):
                raise Refused("Enum(%s=...).%s()" % (k.arg, verb))
        if not isinstance(name, str) or not all(
                isinstance(a, ast.Constant) and isinstance(a.value, str) for a in enum.args):
            raise Refused("Enum.%s() without a literal name and values" % verb)
        checkfirst = any(k.arg == "checkfirst" and isinstance(k.value, ast.Constant) and
                         k.value.value for k in call.keywords)
        quoted = name if re.match(r"^[a-z_][a-z0-9_]*$", name) else \
            '"' + name.replace('"', '""') + '"'
        if verb == "drop":
            sql = "DROP TYPE " + ("IF EXISTS " if checkfirst else "") + quoted
        else:
            if checkfirst:
                raise Refused("Enum.create(checkfirst=True)")
            sql = "CREATE TYPE %s AS ENUM (%s)" % (quoted, ", ".join(
                "'" + a.value.replace("'", "''") + "'" for a in enum.args))
        return 'if context.dialect == "postgresql" then op.execute(%s) end' % lua_str(sql)

    def is_get_bind(self, n):
        return isinstance(n, ast.Call) and isinstance(n.func, ast.Attribute) and \
            n.func.attr == "get_bind" and self.origin(n.func.value) == "alembic.op"

    def bind_call(self, bind, method, n):
        if method != "execute":
            raise Refused("the connection method ." + method + "()")
        if n.keywords or not 1 <= len(n.args) <= 2:
            raise Refused("connection.execute() with these arguments")
        # bind:execute takes the SQL as a string: sa.text("...") is unwrapped.
        sql = n.args[0]
        inner = sql.func.value if isinstance(sql, ast.Call) and \
            isinstance(sql.func, ast.Attribute) and sql.func.attr == "bindparams" else sql
        if isinstance(inner, ast.Call) and self.origin(inner.func) in (
                "sqlalchemy.text", "sqlalchemy.sql.text", "sqlalchemy.sql.expression.text") \
                and len(inner.args) == 1 and not inner.keywords:
            parts = [self.expr(inner.args[0])]
        elif isinstance(inner, ast.Name) and self.current_scope().lookup(inner.id) == "text":
            raise Refused("connection.execute() of a text() held in a variable")
        else:
            parts = [self.expr(inner)]
        bound = self.bound_params(n.args[0])
        if bound is not None:
            if len(n.args) == 2:
                raise Refused("connection.execute() with bindparams() and parameters")
            parts.append(bound)
        if len(n.args) == 2:
            parts.append(self.expr(n.args[1]))
        return bind + ":execute(" + ", ".join(parts) + ")"

    def bound_params(self, a):
        """The { name = value } table of sa.text(...).bindparams(name=value), or None."""
        if isinstance(a, ast.Call) and isinstance(a.func, ast.Attribute) and \
                a.func.attr == "bindparams":
            if a.args or any(k.arg is None for k in a.keywords):
                raise Refused("bindparams() with positional arguments or **kwargs")
            return options([(k.arg, self.expr(k.value)) for k in a.keywords])
        return None

    def sql_arg(self, a):
        # sa.text("...") or a plain string (optionally .bindparams(...)); other statements
        # (select(...), table expressions) are refused.
        if isinstance(a, ast.Call) and isinstance(a.func, ast.Attribute) and \
                a.func.attr == "bindparams":
            a = a.func.value
        if isinstance(a, ast.Name) and self.current_scope().lookup(a.id) == "text":
            return lua_name(a.id)
        if isinstance(a, ast.Call):
            o = self.origin(a.func)
            if o in ("sqlalchemy.text", "sqlalchemy.sql.text", "sqlalchemy.sql.expression.text"):
                return self.sa_call(o, a)
        return self.expr(a)

    def op_call(self, recv, name, n, table):
        what = recv + "." + name
        if name == "get_bind" and recv == "op":
            return "op.get_bind()"
        if name == "batch_alter_table":
            raise Refused("op.batch_alter_table outside a `with` statement")
        if name not in table:
            raise Refused(what + " is not in retort's op API")
        params = table[name]
        if name == "create_check_constraint" and (
                not n.args or (isinstance(n.args[0], ast.Constant) and n.args[0].value is None)):
            if not any(k.arg == "constraint_name" and not (
                    isinstance(k.value, ast.Constant) and k.value.value is None)
                    for k in n.keywords):
                # retort names it by its convention (ck_<table>_<first column>), where Alembic
                # leaves the name to the database.
                if n.lineno in self.refuse_checks:
                    raise Refused(self.refuse_checks[n.lineno])
                table_arg = n.args[1] if len(n.args) > 1 else next(
                    (k.value for k in n.keywords if k.arg == "table_name"), None)
                text_arg = n.args[2] if len(n.args) > 2 else next(
                    (k.value for k in n.keywords if k.arg == "condition"), None)
                if recv == "op" and isinstance(table_arg, ast.Constant) and \
                        isinstance(text_arg, ast.Constant) and isinstance(text_arg.value, str):
                    self.unnamed_checks.append((table_arg.value, check_token(text_arg.value),
                                                n.lineno))
                self.notes.append("%s: an unnamed check constraint gets retort's conventional "
                                  "name (ck_<table>_<column>)" % what)
        if name == "create_table" and recv == "op" and n.args and \
                isinstance(n.args[0], ast.Constant) and isinstance(n.args[0].value, str):
            for a in n.args[1:]:
                if isinstance(a, ast.Call) and self.origin(a.func) == "sqlalchemy.CheckConstraint" \
                        and a.args and isinstance(a.args[0], ast.Constant) and \
                        isinstance(a.args[0].value, str) and not any(
                            k.arg == "name" and not (isinstance(k.value, ast.Constant) and
                                                     k.value.value is None)
                            for k in a.keywords):
                    if a.lineno in self.refuse_checks:
                        raise Refused(self.refuse_checks[a.lineno])
                    self.unnamed_checks.append((n.args[0].value, check_token(a.args[0].value),
                                                a.lineno))
        real = n.args[0] if n.args else None
        if name == "execute" and n.args:
            # The statement is translated by sql_arg (sa.text(...).bindparams(...) too).
            n = ast.Call(func=n.func, args=[ast.Constant(value="")] + n.args[1:],
                         keywords=n.keywords)
        pos, kws = self.args_for(n, params, what, DROPPED_KWARGS.get(name, frozenset()))
        if name == "execute" and real is not None:
            if len(pos) > 1:
                raise Refused("op.execute with execution options")
            pos = [self.sql_arg(real)]
            bound = self.bound_params(real)
            if bound is not None:
                pos.append(bound)
        if name == "drop_constraint" and len(pos) > len(params):
            # Alembic's third positional is type_.
            kws.insert(0, ("type_", pos.pop()))
        if name == "drop_index" and len(pos) > 1:
            kws.insert(0, ("table_name", pos.pop(1)))
        opts = options(kws) if kws else "{}"
        items = pos + ([opts] if opts != "{}" else [])
        return self.layout(what, items)

    def layout(self, what, items):
        """One line, or one argument a line when that is too long for 100 columns."""
        one = what + "(" + ", ".join(items) + ")"
        indent = getattr(self, "cur_indent", "  ")
        if len(indent) + len(one) <= 100 or len(items) < 2:
            return one
        inner = indent + "  "
        return what + "(" + items[0] + ",\n" + ",\n".join(
            inner + i.replace("\n", "\n  ") for i in items[1:]) + ")"

    def sa_call(self, o, n):
        parts = o.split(".")
        last = parts[-1]
        if o in ("sqlalchemy.sql.text", "sqlalchemy.sql.expression.text"):
            last, parts = "text", ["sqlalchemy", "text"]
        if o in ("sqlalchemy.sql.table", "sqlalchemy.sql.expression.table"):
            last, parts = "table", ["sqlalchemy", "table"]
        if o in ("sqlalchemy.sql.column", "sqlalchemy.sql.expression.column"):
            last, parts = "column", ["sqlalchemy", "column"]
        if o in ("sqlalchemy.sql.false", "sqlalchemy.sql.true", "sqlalchemy.sql.expression.false",
                 "sqlalchemy.sql.expression.true"):
            o, parts, last = "sqlalchemy." + last, ["sqlalchemy", last], last
        if o in ("sqlalchemy.false", "sqlalchemy.true") and not n.args and not n.keywords:
            # retort's portable boolean defaults (`true` and `false` are Lua keywords).
            if not getattr(self, "server_default_ctx", False):
                raise Refused("sa.%s() other than as a server_default" % last)
            return "sa.%s_()" % last
        if len(parts) >= 3 and parts[1] == "func":
            fn = ".".join(parts[2:])
            if n.keywords:
                raise Refused("keyword arguments to sa.func." + fn)
            return "sa.func." + fn + "(" + ", ".join(self.expr(a) for a in n.args) + ")"
        dialect_mod = len(parts) >= 3 and parts[1] == "dialects"
        if len(parts) != 2 and not dialect_mod:
            raise Refused("calls " + o)
        if last in SA_TYPES:
            return self.type_call("sa." + last, n)
        if last in NATIVE_TYPES and (dialect_mod or last.isupper()):
            return self.native_type(last, n)
        if dialect_mod and last == "ENUM":
            if any(k.arg == "create_type" for k in n.keywords):
                raise Refused("postgresql.ENUM(create_type=...)")
            return self.type_call("sa.Enum", n)
        if dialect_mod and last == "ARRAY" and len(n.args) == 1 and not n.keywords:
            item = self.expr(n.args[0])
            spelled = {"sa.Text()": "TEXT", "sa.String()": "VARCHAR", "sa.Integer()": "INTEGER",
                       "sa.BigInteger()": "BIGINT", "sa.Text": "TEXT", "sa.String": "VARCHAR",
                       "sa.Integer": "INTEGER", "sa.BigInteger": "BIGINT",
                       "sa.Boolean()": "BOOLEAN", "sa.Uuid()": "UUID"}.get(item)
            m = re.match(r'^sa\.Type\("([A-Z ]+(\(\d+\))?)"\)$', item)
            if spelled is None and m:
                spelled = m.group(1)
            if spelled is None:
                raise Refused("postgresql.ARRAY of " + item)
            return 'sa.Type("' + spelled + '[]")'
        if dialect_mod:
            raise Refused("the dialect type " + o)
        if last not in SA_CONSTRUCTS:
            raise Refused("sa." + last + " is not in retort's sa API")
        if last == "Column":
            pos, kws = self.args_for(n, [], "sa.Column")
            dropped = [k for k, _ in kws if k in COLUMN_PY_ONLY]
            kws = [(k, v) for k, v in kws if k not in COLUMN_PY_ONLY]
            text = "sa.Column(" + ", ".join(pos)
            if options(kws) != "{}":
                text += ", " + options(kws)
            text += ")"
            if dropped:
                self.notes.append("sa.Column: dropped %s (Python-side in SQLAlchemy, no DDL)" %
                                  ", ".join(dropped))
            return text
        if last == "CheckConstraint" and not any(
                k.arg == "name" and not (isinstance(k.value, ast.Constant) and
                                         k.value.value is None) for k in n.keywords):
            self.notes.append("sa.CheckConstraint: an unnamed check constraint gets retort's "
                              "conventional name (ck_<table>_<column>)")
        pos, kws = self.args_for(n, [], "sa." + last)
        text = "sa." + last + "(" + ", ".join(pos)
        if options(kws) != "{}":
            text += (", " if pos else "") + options(kws)
        elif n.args and isinstance(n.args[-1], (ast.List, ast.Tuple)):
            # retort reads a final plain table as the options: keep the list positional.
            text += ", {}"
        return text + ")"

    def type_call(self, lua, n):
        if lua == "sa.LargeBinary" and (n.args or n.keywords):
            # retort's LargeBinary has no length: PostgreSQL (bytea) and SQLite ignore it, as
            # SQLAlchemy does; MySQL would get BLOB for BLOB(n) (docs/from-alembic.md).
            self.notes.append("sa.LargeBinary: dropped the length (BLOB on MySQL, not BLOB(n))")
            n = ast.Call(func=n.func, args=[], keywords=[])
        pos = [self.expr(a) for a in n.args]
        kws = [(k.arg, self.expr(k.value)) for k in n.keywords
               if k.arg is not None and k.arg not in TYPE_PY_ONLY]
        if any(k.arg is None for k in n.keywords):
            raise Refused("**kwargs in a type")
        if lua == "sa.Enum" and any(isinstance(a, ast.Starred) for a in n.args):
            raise Refused("sa.Enum(*values)")
        if lua == "sa.Enum" and n.args and not all(
                isinstance(a, ast.Constant) for a in n.args):
            if len(n.args) == 1 and isinstance(n.args[0], (ast.List, ast.Tuple)):
                pass
            else:
                raise Refused("sa.Enum over a Python enum class")
        text = lua + "(" + ", ".join(pos)
        if options(kws) != "{}":
            text += (", " if pos else "") + options(kws)
        return text + ")"

    def native_type(self, name, n):
        # JSON(B)'s astext_type and none_as_null shape Python expressions, not the column.
        kws = [k for k in n.keywords if k.arg not in ("astext_type", "none_as_null")]
        if kws:
            raise Refused("keyword arguments to the native type " + name)
        args = []
        for a in n.args:
            if isinstance(a, ast.Constant) and isinstance(a.value, int):
                args.append(str(a.value))
            else:
                raise Refused("the native type %s with non-integer arguments" % name)
        spelled = name.replace("_", " ")
        return 'sa.Type("' + spelled + ("(" + ", ".join(args) + ")" if args else "") + '")'

    # -- statements ---------------------------------------------------------------------------
    def current_scope(self):
        return self.scopes[-1]

    def block(self, stmts, indent):
        out = []
        prev_end = None
        for i, s in enumerate(stmts):
            out.extend(self.comment_lines(prev_end, s.lineno, indent))
            if self.is_bind_commit(s) and i + 1 < len(stmts) and \
                    self.is_autocommit_block(stmts[i + 1]):
                # Alembic 1.x on SQLAlchemy 2.0 needs the commit before autocommit_block();
                # retort commits before the concurrent statement by itself.
                out.append(indent + "-- " + ast.unparse(s) + "  (retort commits by itself)")
            else:
                out.extend(self.stmt(s, indent))
            prev_end = s.end_lineno
        return out

    def is_bind_commit(self, s):
        if not (isinstance(s, ast.Expr) and isinstance(s.value, ast.Call) and not s.value.args
                and not s.value.keywords and isinstance(s.value.func, ast.Attribute)
                and s.value.func.attr == "commit"):
            return False
        b = s.value.func.value
        return self.is_get_bind(b) or (isinstance(b, ast.Name) and
                                       self.current_scope().lookup(b.id) == "bind")

    def is_autocommit_block(self, s):
        if not (isinstance(s, ast.With) and len(s.items) == 1):
            return False
        c = s.items[0].context_expr
        return (isinstance(c, ast.Call) and not c.args and not c.keywords and
                isinstance(c.func, ast.Attribute) and c.func.attr == "autocommit_block" and
                isinstance(c.func.value, ast.Call) and not c.func.value.args and
                isinstance(c.func.value.func, ast.Attribute) and
                c.func.value.func.attr == "get_context" and
                self.origin(c.func.value.func.value) == "alembic.op")

    def autocommit_block(self, s, indent):
        """`with op.get_context().autocommit_block():` around concurrent index builds, perhaps
        after SET statements: retort runs CREATE/DROP INDEX CONCURRENTLY outside a transaction
        by itself (committing what came before), and a SET lasts for the session, so the body
        translates as it stands. Anything else in the block needs a person."""
        if s.items[0].optional_vars is not None:
            raise Refused("autocommit_block() with `as`")
        seen_index = False
        for b in s.body:
            call = b.value if isinstance(b, ast.Expr) and isinstance(b.value, ast.Call) else None
            f = call.func if call is not None else None
            if not (isinstance(f, ast.Attribute) and self.origin(f.value) == "alembic.op"):
                raise Refused("autocommit_block() around something other than op calls")
            if f.attr in ("create_index", "drop_index") and any(
                    k.arg == "postgresql_concurrently" and isinstance(k.value, ast.Constant) and
                    k.value.value is True for k in call.keywords):
                seen_index = True
                continue
            arg = call.args[0] if f.attr == "execute" and len(call.args) == 1 else None
            if isinstance(arg, ast.Call) and self.origin(arg.func) in (
                    "sqlalchemy.text", "sqlalchemy.sql.text") and len(arg.args) == 1:
                arg = arg.args[0]
            if seen_index or not (isinstance(arg, ast.Constant) and isinstance(arg.value, str)
                                  and re.match(r"(?i)^\s*SET\s", arg.value)):
                raise Refused("autocommit_block() around something other than SET statements "
                              "then concurrent index builds")
        if not seen_index:
            raise Refused("autocommit_block() without a concurrent index build")
        out = [indent + "-- with op.get_context().autocommit_block(): retort runs CONCURRENTLY "
               "outside a transaction by itself"]
        return out + self.block(s.body, indent)

    def comment_lines(self, after, before, indent):
        if after is None:
            return []
        return [indent + "-- " + self.comments[i] for i in range(after + 1, before)
                if i in self.comments and self.comments[i]
                and not self.comments[i].startswith("###")]

    def hand(self, s, reason, indent):
        self.reasons.append("line %d: %s" % (s.lineno, reason))
        src = ast.get_source_segment(self.source, s, padded=True) or ast.unparse(s)
        out = [indent + "-- >>> import-alembic: translate by hand (line %d): %s" %
               (s.lineno, reason)]
        for line in src.splitlines():
            out.append(indent + "-- | " + line.rstrip())
        out.append(indent + "-- <<<")
        return out

    def stmt(self, s, indent):
        self.cur_indent = indent
        mark = len(self.reasons)
        try:
            return self.stmt_inner(s, indent)
        except Refused as e:
            del self.reasons[mark:]
            return self.hand(s, str(e), indent)

    def stmt_inner(self, s, indent):
        sc = self.current_scope()
        if isinstance(s, ast.Pass):
            return []
        if isinstance(s, ast.Expr):
            if isinstance(s.value, ast.Constant) and isinstance(s.value.value, str):
                return [indent + "-- " + l for l in s.value.value.strip().splitlines()]
            if not isinstance(s.value, ast.Call):
                raise Refused("an expression statement that is not a call")
            f = s.value.func
            if isinstance(f, ast.Attribute) and f.attr == "reflect" and \
                    isinstance(f.value, ast.Name) and sc.lookup(f.value.id) == "metadata" and \
                    len(s.value.args) <= 1 and all(
                        k.arg in ("bind", "only", "resolve_fks", "views", "schema")
                        for k in s.value.keywords):
                if s.value.args and not self.is_get_bind(s.value.args[0]) and not (
                        isinstance(s.value.args[0], ast.Name) and
                        sc.lookup(s.value.args[0].id) == "bind"):
                    raise Refused("MetaData.reflect() on something other than op.get_bind()")
                if any(k.arg == "schema" for k in s.value.keywords):
                    raise Refused("MetaData.reflect(schema=...)")
                return [indent + "-- " + ast.unparse(s.value)]
            return [indent + self.expr(s.value)]
        if isinstance(s, ast.Assign):
            if len(s.targets) != 1 or not isinstance(s.targets[0], ast.Name):
                raise Refused("assignment to something other than one name")
            name = s.targets[0].id
            kind = self.value_kind(s.value)
            if kind == "metadata":
                # Only reflected tables are taken from it (below): nothing to run.
                sc.names[name] = kind
                return [indent + "-- " + ast.unparse(s) + "  (reflected tables become sa.table)"]
            if kind == "reflected":
                # sa.Table(name, meta) after meta.reflect(): a table whose columns the database
                # has; retort's sa.table without columns takes any (as reflection would).
                value = "sa.table(" + self.expr(s.value.args[0]) + ")"
                first = sc.lookup(name) is None
                sc.names[name] = "table"
                return [indent + ("local " if first else "") + lua_name(name) + " = " + value]
            if kind == "url":
                # Only its dialect prefix is ever read (startswith, above).
                sc.names[name] = kind
                return [indent + "-- " + ast.unparse(s) + "  (read through context.dialect)"]
            value = self.expr(s.value)
            first = sc.lookup(name) is None
            sc.names[name] = kind
            return [indent + ("local " if first else "") + lua_name(name) + " = " + value]
        if isinstance(s, ast.AnnAssign) and s.value is not None and \
                isinstance(s.target, ast.Name):
            return self.stmt_inner(ast.Assign(targets=[s.target], value=s.value,
                                              lineno=s.lineno, end_lineno=s.end_lineno), indent)
        if isinstance(s, ast.With):
            return self.with_stmt(s, indent)
        if isinstance(s, ast.If):
            return self.if_stmt(s, indent, "if ")
        if isinstance(s, ast.For):
            return self.for_stmt(s, indent)
        if isinstance(s, ast.Raise) and s.exc is not None:
            # raise SomeError("why") refuses as Python does: the revision stops with the message.
            e = s.exc
            if isinstance(e, ast.Call) and len(e.args) == 1 and not e.keywords:
                return [indent + "error(" + self.expr(e.args[0]) + ", 0)"]
            if isinstance(e, ast.Call) and not e.args and not e.keywords:
                return [indent + "error(" + lua_str(ast.unparse(e.func)) + ", 0)"]
            raise Refused("raise with these arguments")
        if isinstance(s, ast.Return):
            return [indent + "return" + (" " + self.expr(s.value) if s.value else "")]
        raise Refused("a Python " + type(s).__name__ + " statement")

    def is_url(self, v):
        # bind.engine.url, op.get_bind().engine.url, str(...) of either
        if isinstance(v, ast.Call) and isinstance(v.func, ast.Name) and v.func.id == "str" and \
                len(v.args) == 1:
            v = v.args[0]
        if not (isinstance(v, ast.Attribute) and v.attr == "url" and
                isinstance(v.value, ast.Attribute) and v.value.attr == "engine"):
            return False
        b = v.value.value
        return self.is_get_bind(b) or (isinstance(b, ast.Name) and
                                       self.current_scope().lookup(b.id) == "bind")

    def value_kind(self, v):
        if self.is_get_bind(v):
            return "bind"
        if self.is_url(v):
            return "url"
        if self.is_str(v):
            return "str"
        if isinstance(v, ast.Call):
            o = self.origin(v.func)
            if o == "sqlalchemy.MetaData" and not v.args and not v.keywords:
                return "metadata"
            if o == "sqlalchemy.Table" and len(v.args) == 2 and not v.keywords and \
                    self.is_str(v.args[0]) and isinstance(v.args[1], ast.Name) and \
                    self.current_scope().lookup(v.args[1].id) == "metadata":
                return "reflected"
            if o in ("sqlalchemy.table", "sqlalchemy.sql.table", "sqlalchemy.Table"):
                return "table"
            if o in ("sqlalchemy.text", "sqlalchemy.sql.text", "sqlalchemy.sql.expression.text"):
                return "text"
        return "value"

    def with_stmt(self, s, indent):
        if len(s.items) != 1:
            raise Refused("`with` over several items")
        if self.is_autocommit_block(s):
            return self.autocommit_block(s, indent)
        item = s.items[0]
        c = item.context_expr
        if not (isinstance(c, ast.Call) and isinstance(c.func, ast.Attribute) and
                c.func.attr == "batch_alter_table" and self.origin(c.func.value) == "alembic.op"):
            raise Refused("`with` other than op.batch_alter_table")
        var = item.optional_vars
        if var is not None and not isinstance(var, ast.Name):
            raise Refused("`as` with a pattern")
        batch = var.id if var is not None else "batch_op"
        pos, kws = self.args_for(c, ["table_name"], "op.batch_alter_table")
        if len(pos) > 1:
            # Alembic's positional order: table_name, schema, recreate, ...
            names = ["schema", "recreate", "partial_reordering", "copy_from", "table_args",
                     "table_kwargs", "reflect_args", "reflect_kwargs", "naming_convention"]
            kws = list(zip(names, pos[1:])) + kws
            pos = pos[:1]
        inner = Scope(self.current_scope())
        inner.names[batch] = "batch"
        self.scopes.append(inner)
        try:
            body = self.block(s.body, indent + "  ")
        finally:
            self.scopes.pop()
        out = [indent + "op.batch_alter_table(" + pos[0] + ", function(" + lua_name(batch) + ")"]
        out += body
        opts = options(kws)
        out.append(indent + "end" + (", " + opts if opts != "{}" else "") + ")")
        return out

    def if_stmt(self, s, indent, kw):
        test = self.expr(s.test)
        out = [indent + kw + test + " then"]
        out += self.sub_block(s.body, indent + "  ")
        if s.orelse:
            if len(s.orelse) == 1 and isinstance(s.orelse[0], ast.If):
                out += self.if_stmt(s.orelse[0], indent, "elseif ")[:-1] if False else \
                    self.elif_chain(s.orelse[0], indent)
                return out
            out.append(indent + "else")
            out += self.sub_block(s.orelse, indent + "  ")
        out.append(indent + "end")
        return out

    def elif_chain(self, s, indent):
        inner = self.if_stmt(s, indent, "elseif ")
        return inner

    def sub_block(self, stmts, indent):
        # Lua's blocks scope their locals as Python's function does not: names first set in a
        # branch are declared by the branch; reading them after it is refused by `name`.
        inner = Scope(self.current_scope())
        self.scopes.append(inner)
        try:
            return self.block(stmts, indent)
        finally:
            self.scopes.pop()

    def for_stmt(self, s, indent):
        if s.orelse:
            raise Refused("for ... else")
        it = s.iter
        if isinstance(it, ast.Name) and self.current_scope().lookup(it.id) == "list":
            items = lua_name(it.id)
        elif isinstance(it, (ast.List, ast.Tuple)):
            items = self.expr(it)
        elif self.query_call(it) is not None:
            items = self.query_call(it)
        else:
            raise Refused("a loop over something other than a literal list or query rows")
        rows = self.query_call(it) is not None
        inner = Scope(self.current_scope())
        self.scopes.append(inner)
        try:
            if isinstance(s.target, ast.Name):
                inner.names[s.target.id] = "row" if rows else "value"
                head = [indent + "for _, " + lua_name(s.target.id) + " in ipairs(" + items +
                        ") do"]
            elif rows:
                raise Refused("unpacking query rows (Python rows are tuples; retort's are "
                              "keyed by column name)")
            elif isinstance(s.target, ast.Tuple) and all(isinstance(e, ast.Name)
                                                           for e in s.target.elts):
                names = [e.id for e in s.target.elts]
                for nm in names:
                    inner.names[nm] = "value"
                head = [indent + "for _, item_ in ipairs(" + items + ") do",
                        indent + "  local " + ", ".join(lua_name(x) for x in names) +
                        " = table.unpack(item_)"]
            else:
                raise Refused("a loop target that is not a name")
            body = self.block(s.body, indent + "  ")
        finally:
            self.scopes.pop()
        return head + body + [indent + "end"]

    # -- functions and module -----------------------------------------------------------------
    def function(self, fn, lua_head, indent="  "):
        self.reasons = []
        scope = Scope(self.module)
        for a in fn.args.args:
            scope.names[a.arg] = "value"
        if fn.args.vararg or fn.args.kwarg or fn.args.kwonlyargs or fn.args.defaults:
            self.reasons.append("line %d: %s takes defaults, *args or **kwargs" %
                                (fn.lineno, fn.name))
        self.scopes = [scope]
        body = list(fn.body)
        # A leading docstring stays a comment.
        lines = self.block(body, indent)
        reasons = self.reasons
        out = [lua_head]
        if reasons:
            out.append(indent + "error(" + lua_str(
                "import-alembic: translate by hand: " + "; ".join(reasons) +
                " (see the blocks marked >>> in this function; delete this line when done)") +
                ")")
        out += lines
        out.append("end")
        return out, reasons

    def translate(self):
        self.collect_imports()
        self.scopes = [self.module]
        header = {}
        funcs = {}
        preamble = []
        helpers = []
        for node in self.tree.body:
            if isinstance(node, ast.Assign) and len(node.targets) == 1 and \
                    isinstance(node.targets[0], ast.Name):
                name = node.targets[0].id
                if name in ("revision", "down_revision", "branch_labels", "depends_on"):
                    header[name] = self.literal(node.value, name)
                    continue
                try:
                    kind = "list" if isinstance(node.value, (ast.List, ast.Tuple)) else \
                        self.value_kind(node.value)
                    value = self.expr(node.value)
                    self.module.names[name] = kind
                    preamble.append("local " + lua_name(name) + " = " + value)
                except Refused:
                    pass  # unused module values never matter; a use of one is refused
            elif isinstance(node, ast.AnnAssign) and isinstance(node.target, ast.Name) and \
                    node.target.id in ("revision", "down_revision", "branch_labels",
                                       "depends_on") and node.value is not None:
                header[node.target.id] = self.literal(node.value, node.target.id)
            elif isinstance(node, ast.FunctionDef):
                funcs[node.name] = node
                if node.name not in ("upgrade", "downgrade"):
                    self.module.names[node.name] = "func"
        if "revision" not in header or not isinstance(header["revision"], str):
            raise Refused("no `revision = \"...\"` line")
        result = dict(header)
        hand = {}
        helper_reasons = {}
        for name, fn in funcs.items():
            if name in ("upgrade", "downgrade"):
                continue
            lines, reasons = self.function(fn, "local function " + lua_name(name) + "(" +
                                           ", ".join(lua_name(a.arg) for a in fn.args.args) +
                                           ")")
            helpers.append(lines)
            helper_reasons[name] = reasons
        bodies = {}
        for name in ("upgrade", "downgrade"):
            fn = funcs.get(name)
            if fn is None:
                # Alembic fails on a revision without the function (the module has no such
                # attribute): so does retort, rather than run nothing and move the version.
                bodies[name] = ["function %s()" % name,
                                "  error(%s, 0)" % lua_str(
                                    "revision %s has no %s() in its Alembic file" %
                                    (header["revision"], name)),
                                "end"]
                hand[name] = []
                continue
            self.helpers_used = set()
            lines, reasons = self.function(fn, "function %s()" % name)
            for h in sorted(self.helpers_used):
                for r in helper_reasons.get(h, []):
                    reasons.append("helper %s: %s" % (h, r))
            bodies[name] = lines
            hand[name] = reasons
        result["preamble"] = "\n".join(preamble)
        result["helpers"] = "\n\n".join("\n".join(h) for h in helpers)
        result["upgrade"] = "\n".join(bodies["upgrade"])
        result["downgrade"] = "\n".join(bodies["downgrade"])
        result["hand_work"] = hand["upgrade"] and [("upgrade: " + r) for r in hand["upgrade"]] \
            or []
        result["hand_work"] += [("downgrade: " + r) for r in hand["downgrade"]]
        result["notes"] = sorted(set(self.notes))
        result["unnamed_checks"] = self.unnamed_checks
        doc = ast.get_docstring(self.tree, clean=True)
        result["docstring"] = doc or ""
        return result

    def literal(self, v, name):
        if isinstance(v, ast.Constant) and (v.value is None or isinstance(v.value, str)):
            return v.value
        if isinstance(v, (ast.Tuple, ast.List, ast.Set)) and all(
                isinstance(e, ast.Constant) and isinstance(e.value, str) for e in v.elts):
            return [e.value for e in v.elts]
        raise Refused("%s is not a literal (line %d)" % (name, v.lineno))


def read_revision(path, refuse_checks=None):
    with open(path, encoding="utf-8") as f:
        source = f.read()
    try:
        tree = ast.parse(source, path)
    except SyntaxError as e:
        return {"error": "%s:%s: %s" % (path, e.lineno, e.msg)}
    t = Translator(source, tree, path)
    t.refuse_checks = refuse_checks or {}
    try:
        r = t.translate()
    except Refused as e:
        return {"error": path + ": " + str(e)}
    r["path"] = path
    return r


# SQL words that are not a column name, for check_token (retort's own list is in
# src/schema/naming.cpp; a word missing here can only make the import ask for a name it did
# not need, never miss a clash).
CHECK_WORDS = {"and", "or", "not", "in", "is", "null", "like", "ilike", "between", "true",
               "false", "case", "when", "then", "else", "end", "cast", "as", "collate",
               "escape", "glob", "regexp", "similar", "to", "any", "all", "some",
               "current_date", "current_time", "current_timestamp", "localtime",
               "localtimestamp", "interval", "distinct", "from", "exists", "match"}


def check_token(sql):
    """The column retort names an unnamed check after (check_token in src/schema/naming.cpp):
    the first name in the expression that is not a keyword, a function or a qualifier; else the
    whole text stands for it."""
    for m in re.finditer(r"'(?:[^']|'')*'|\"([^\"]+)\"|`([^`]+)`|\[([^\]]+)\]|"
                         r"([A-Za-z_][A-Za-z0-9_]*)|[0-9][A-Za-z0-9_.]*", sql):
        name = m.group(1) or m.group(2) or m.group(3)
        rest = sql[m.end():].lstrip()
        if name:
            if not rest.startswith("."):
                return name
            continue
        word = m.group(4)
        if word and not rest.startswith("(") and not rest.startswith(".") and \
                word.lower() not in CHECK_WORDS:
            return word
    return "#" + sql


def clashing_checks(revisions):
    """{path: {line: reason}}: unnamed check constraints to which retort would give a name an
    earlier unnamed check of the same table already has (the same first column); PostgreSQL and
    MySQL number such names, a convention cannot, so the import asks a person for a name. Both
    revisions count when neither is an ancestor of the other."""
    by_id = {r["revision"]: r for r in revisions}

    def parents(r):
        d = r.get("down_revision")
        return [] if d is None else ([d] if isinstance(d, str) else list(d))

    ancestors = {}

    def ancestors_of(rid):
        if rid not in ancestors:
            seen, todo = set(), list(parents(by_id[rid]))
            while todo:
                x = todo.pop()
                if x in seen or x not in by_id:
                    continue
                seen.add(x)
                todo.extend(parents(by_id[x]))
            ancestors[rid] = seen
        return ancestors[rid]

    seen = {}
    for r in revisions:
        for table, token, line in r.get("unnamed_checks", []):
            seen.setdefault((table, token), []).append((r, line))
    out = {}
    for (table, token), uses in seen.items():
        if len(uses) < 2:
            continue
        shown = token if not token.startswith("#") else "(no column)"
        for r, line in uses:
            earlier = [o for o, ol in uses if (o is r and ol < line) or
                       (o is not r and r["revision"] not in ancestors_of(o["revision"]))]
            if earlier:
                other = earlier[0]
                where = "line %d" % [ol for o, ol in uses if o is other][0] \
                    if other is r else other["revision"]
                out.setdefault(r["path"], {})[line] = (
                    "an unnamed check constraint on %s.%s, as %s has: retort would name both "
                    "ck_%s_%s; give this one a name" % (table, shown, where, table, shown))
    return out


# The names PostgreSQL gives unnamed constraints (Alembic leaves them to the database), as a
# retort naming convention: later revisions that drop them by these names keep working.
POSTGRESQL_NAMES = {"pk": "%(table)s_pkey", "fk": "%(table)s_%(column_0_N_name)s_fkey",
                    "uq": "%(table)s_%(column_0_N_name)s_key"}


def main():
    if len(sys.argv) not in (2, 3):
        fail("usage: alembic_helper.py PATH [CONSTRAINT_NAMES]")
    cfg = read_config(sys.argv[1])
    names = sys.argv[2] if len(sys.argv) == 3 else ""
    if not names:
        url = cfg.get("url") or ""
        names = "postgresql" if re.match(r"^postgres(ql)?(\+\w+)?://", url) else "retort"
    if names == "postgresql":
        cfg["naming_convention"] = POSTGRESQL_NAMES
    elif names == "retort":
        cfg["naming_convention"] = None
    else:
        fail("import-alembic: --constraint-names must be retort or postgresql (got %s)" % names)
    revisions = []
    errors = []
    for loc in cfg["version_locations"]:
        if not os.path.isdir(loc):
            fail("import-alembic: the version location " + loc + " is not a folder")
        for root, dirs, files in os.walk(loc):
            dirs[:] = sorted(d for d in dirs if d != "__pycache__")
            for fn in sorted(files):
                if not fn.endswith(".py") or fn.startswith("__init__"):
                    continue
                p = os.path.join(root, fn)
                r = read_revision(p)
                if "error" in r:
                    errors.append(r["error"])
                    continue
                r["location"] = loc
                r["relative"] = os.path.relpath(p, loc)
                revisions.append(r)
    for path, refuse in clashing_checks(revisions).items():
        i = next(i for i, r in enumerate(revisions) if r["path"] == path)
        again = read_revision(path, refuse)
        for k in ("location", "relative"):
            again[k] = revisions[i][k]
        revisions[i] = again
    for r in revisions:
        r.pop("unnamed_checks", None)
    json.dump({"config": cfg, "revisions": revisions, "errors": errors}, sys.stdout)


if __name__ == "__main__":
    main()
