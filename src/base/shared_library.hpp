// SharedLibrary — a C library opened with dlopen() when a program first needs it.
//
// retort loads libpq and MariaDB Connector/C this way rather than linking them, so a run that
// never connects to such a server does not pay for loading them and their dependencies. A
// library opened here is never closed: it stays for the life of the process, like a linked
// one. Errors: Error(Database) naming the library, what the loader said, and the Debian package
// that provides it. Thread-safety: opening and binding only read; callers keep the result in a
// function-local static.
#pragma once

#include <string>

namespace retort {

class SharedLibrary {
 public:
  // Opens `soname` (e.g. "libpq.so.5"); `package` is named in the error when it is missing.
  SharedLibrary(std::string soname, std::string package);

  // Sets `fn` to the library's function `name`; the same error when the library lacks it.
  template <class Fn>
  void bind(Fn*& fn, const char* name) const {
    fn = reinterpret_cast<Fn*>(symbol(name, true));
  }
  // The same for a function only newer versions have: `fn` is null when it is missing.
  template <class Fn>
  void bind_optional(Fn*& fn, const char* name) const {
    fn = reinterpret_cast<Fn*>(symbol(name, false));
  }

 private:
  void* symbol(const char* name, bool required) const;
  [[noreturn]] void fail(const std::string& what) const;

  std::string soname_;
  std::string package_;
  void* handle_ = nullptr;
};

}  // namespace retort
