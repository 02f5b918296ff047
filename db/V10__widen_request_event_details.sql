-- An event's details may hold a whole answer or context, far more than TEXT allows.
ALTER TABLE request_event MODIFY details MEDIUMTEXT NULL;
