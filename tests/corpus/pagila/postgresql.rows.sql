-- A few rows in every table of pagila (written for the corpus). Ids come from the sequences, the
-- uuid columns from their defaults, film.fulltext from its trigger, and the payment lands in its
-- partition.
INSERT INTO country (country) VALUES ('Portugal');
INSERT INTO city (city, country_id) VALUES ('Lisboa', 1);
INSERT INTO address (address, district, city_id, postal_code, phone)
  VALUES ('Rua Augusta 1', 'Lisboa', 1, '1100-048', '210000000');
INSERT INTO store (manager_staff_id, address_id) VALUES (1, 1);
INSERT INTO staff (first_name, last_name, address_id, store_id, username) VALUES ('Mike', 'Hillyer', 1, 1, 'Mike');
INSERT INTO language (name) VALUES ('English');
INSERT INTO category (name) VALUES ('Documentary');
INSERT INTO actor (first_name, last_name) VALUES ('Penelope', 'Guiness');
INSERT INTO film (title, description, release_year, language_id, length, rating, special_features)
  VALUES ('Academy Dinosaur', 'An epic drama of a feminist and a mad scientist', 2006, 1, 86, 'PG', '{"Deleted Scenes"}');
INSERT INTO film_actor (actor_id, film_id) VALUES (1, 1);
INSERT INTO film_category (film_id, category_id) VALUES (1, 1);
INSERT INTO inventory (film_id, store_id) VALUES (1, 1);
INSERT INTO customer (store_id, first_name, last_name, email, address_id, active)
  VALUES (1, 'Mary', 'Smith', 'mary.smith@example.org', 1, 1);
INSERT INTO rental (rental_date, inventory_id, customer_id, staff_id)
  VALUES ('2022-05-24 22:53:30+00', 1, 1, 1);
INSERT INTO payment (customer_id, staff_id, rental_id, amount, payment_date)
  VALUES (1, 1, 1, 2.99, '2022-05-25 11:30:37+00');
