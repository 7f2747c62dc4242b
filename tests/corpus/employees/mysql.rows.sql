-- A few rows in every table of employees (written for the corpus, not taken from the dumps).
INSERT INTO employees (emp_no, birth_date, first_name, last_name, gender, hire_date)
  VALUES (10001, '1953-09-02', 'Georgi', 'Facello', 'M', '1986-06-26');
INSERT INTO departments (dept_no, dept_name) VALUES ('d005', 'Development');
INSERT INTO dept_emp (emp_no, dept_no, from_date, to_date) VALUES (10001, 'd005', '1986-06-26', '9999-01-01');
INSERT INTO dept_manager (emp_no, dept_no, from_date, to_date) VALUES (10001, 'd005', '1986-06-26', '9999-01-01');
INSERT INTO titles (emp_no, title, from_date, to_date) VALUES (10001, 'Senior Engineer', '1986-06-26', '9999-01-01');
INSERT INTO salaries (emp_no, salary, from_date, to_date) VALUES (10001, 60117, '1986-06-26', '1987-06-26');
