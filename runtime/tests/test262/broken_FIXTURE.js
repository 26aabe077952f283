export var = ;
