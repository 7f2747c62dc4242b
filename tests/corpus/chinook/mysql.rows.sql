-- A few rows in every table of chinook (written for the corpus, not taken from the data file).
INSERT INTO Artist (ArtistId, Name) VALUES (1, 'AC/DC');
INSERT INTO Album (AlbumId, Title, ArtistId) VALUES (1, 'For Those About To Rock We Salute You', 1);
INSERT INTO Genre (GenreId, Name) VALUES (1, 'Rock');
INSERT INTO MediaType (MediaTypeId, Name) VALUES (1, 'MPEG audio file');
INSERT INTO Track (TrackId, Name, AlbumId, MediaTypeId, GenreId, Composer, Milliseconds, Bytes, UnitPrice)
  VALUES (1, 'For Those About To Rock (We Salute You)', 1, 1, 1, 'Angus Young, Malcolm Young, Brian Johnson', 343719, 11170334, 0.99);
INSERT INTO Employee (EmployeeId, LastName, FirstName, Title, ReportsTo, BirthDate, HireDate, Email)
  VALUES (1, 'Adams', 'Andrew', 'General Manager', NULL, '1962-02-18 00:00:00', '2002-08-14 00:00:00', 'andrew@chinookcorp.com');
INSERT INTO Customer (CustomerId, FirstName, LastName, Email, SupportRepId)
  VALUES (1, 'Luís', 'Gonçalves', 'luisg@embraer.com.br', 1);
INSERT INTO Invoice (InvoiceId, CustomerId, InvoiceDate, BillingCountry, Total)
  VALUES (1, 1, '2021-01-01 00:00:00', 'Brazil', 1.98);
INSERT INTO InvoiceLine (InvoiceLineId, InvoiceId, TrackId, UnitPrice, Quantity) VALUES (1, 1, 1, 0.99, 2);
INSERT INTO Playlist (PlaylistId, Name) VALUES (1, 'Music');
INSERT INTO PlaylistTrack (PlaylistId, TrackId) VALUES (1, 1);
