// SharedLibrary: dlopen once, dlsym per function, one error wording for both.
#include "base/shared_library.hpp"

#include <dlfcn.h>

#include "retort/error.hpp"

namespace retort {

SharedLibrary::SharedLibrary(std::string soname, std::string package)
    : soname_(std::move(soname)), package_(std::move(package)) {
  handle_ = ::dlopen(soname_.c_str(), RTLD_NOW | RTLD_LOCAL);
  if (!handle_) fail(::dlerror());
}

void* SharedLibrary::symbol(const char* name, bool required) const {
  void* p = ::dlsym(handle_, name);
  if (!p && required) fail(::dlerror());
  return p;
}

void SharedLibrary::fail(const std::string& what) const {
  throw Error(ErrorKind::Database,
              "cannot load " + soname_ + ": " + what + "; install the " + package_ + " package");
}

}  // namespace retort
