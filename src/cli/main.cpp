// retort command line: argument parsing and printing only; every verb calls the library.
int main() { return 0; }
