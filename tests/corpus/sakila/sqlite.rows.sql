-- A few rows in every table of sakila for SQLite (written for the corpus). Ids are rowids;
-- last_update has no default in this port, so each row states one (the triggers then reset it).
INSERT INTO country (country, last_update) VALUES ('Portugal', '2006-02-15 04:44:00');
INSERT INTO city (city, country_id, last_update) VALUES ('Lisboa', 1, '2006-02-15 04:45:25');
INSERT INTO address (address, district, city_id, postal_code, phone, last_update)
  VALUES ('Rua Augusta 1', 'Lisboa', 1, '1100-048', '210000000', '2006-02-15 04:45:30');
INSERT INTO store (manager_staff_id, address_id, last_update) VALUES (1, 1, '2006-02-15 04:57:12');
INSERT INTO staff (first_name, last_name, address_id, store_id, username, last_update)
  VALUES ('Mike', 'Hillyer', 1, 1, 'Mike', '2006-02-15 04:57:16');
INSERT INTO language (name, last_update) VALUES ('English', '2006-02-15 05:02:19');
INSERT INTO category (name, last_update) VALUES ('Documentary', '2006-02-15 04:46:27');
INSERT INTO actor (first_name, last_name, last_update) VALUES ('PENELOPE', 'GUINESS', '2006-02-15 04:34:33');
INSERT INTO film (title, description, release_year, language_id, length, rating, special_features, last_update)
  VALUES ('ACADEMY DINOSAUR', 'An epic drama of a feminist and a mad scientist', '2006', 1, 86, 'PG', 'Deleted Scenes,Behind the Scenes', '2006-02-15 05:03:42');
INSERT INTO film_actor (actor_id, film_id, last_update) VALUES (1, 1, '2006-02-15 05:05:03');
INSERT INTO film_category (film_id, category_id, last_update) VALUES (1, 1, '2006-02-15 05:07:09');
INSERT INTO film_text (film_id, title, description) VALUES (1, 'ACADEMY DINOSAUR', 'An epic drama of a feminist and a mad scientist');
INSERT INTO inventory (film_id, store_id, last_update) VALUES (1, 1, '2006-02-15 05:09:17');
INSERT INTO customer (store_id, first_name, last_name, email, address_id, create_date, last_update)
  VALUES (1, 'MARY', 'SMITH', 'mary.smith@example.org', 1, '2006-02-14 22:04:36', '2006-02-15 04:57:20');
INSERT INTO rental (rental_date, inventory_id, customer_id, staff_id, last_update)
  VALUES ('2005-05-24 22:53:30', 1, 1, 1, '2006-02-15 21:30:53');
INSERT INTO payment (customer_id, staff_id, rental_id, amount, payment_date, last_update)
  VALUES (1, 1, 1, 2.99, '2005-05-25 11:30:37', '2006-02-15 22:12:30');
