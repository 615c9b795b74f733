//! The Angular file transform: each program file's Angular classes are analysed (decorators
//! through the reflector), compiled to definitions and factories, and spliced into the file's
//! JavaScript.
