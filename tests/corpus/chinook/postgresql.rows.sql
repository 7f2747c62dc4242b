-- A few rows in every table of chinook (written for the corpus, not taken from the data file).
INSERT INTO artist (artist_id, name) VALUES (1, 'AC/DC');
INSERT INTO album (album_id, title, artist_id) VALUES (1, 'For Those About To Rock We Salute You', 1);
INSERT INTO genre (genre_id, name) VALUES (1, 'Rock');
INSERT INTO media_type (media_type_id, name) VALUES (1, 'MPEG audio file');
INSERT INTO track (track_id, name, album_id, media_type_id, genre_id, composer, milliseconds, bytes, unit_price)
  VALUES (1, 'For Those About To Rock (We Salute You)', 1, 1, 1, 'Angus Young, Malcolm Young, Brian Johnson', 343719, 11170334, 0.99);
INSERT INTO employee (employee_id, last_name, first_name, title, reports_to, birth_date, hire_date, email)
  VALUES (1, 'Adams', 'Andrew', 'General Manager', NULL, '1962-02-18 00:00:00', '2002-08-14 00:00:00', 'andrew@chinookcorp.com');
INSERT INTO customer (customer_id, first_name, last_name, email, support_rep_id)
  VALUES (1, 'Luís', 'Gonçalves', 'luisg@embraer.com.br', 1);
INSERT INTO invoice (invoice_id, customer_id, invoice_date, billing_country, total)
  VALUES (1, 1, '2021-01-01 00:00:00', 'Brazil', 1.98);
INSERT INTO invoice_line (invoice_line_id, invoice_id, track_id, unit_price, quantity) VALUES (1, 1, 1, 0.99, 2);
INSERT INTO playlist (playlist_id, name) VALUES (1, 'Music');
INSERT INTO playlist_track (playlist_id, track_id) VALUES (1, 1);
