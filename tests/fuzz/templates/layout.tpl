{{%AUTOESCAPE context="HTML"}}<!doctype html>
<title>{{title}}</title>
<form><input type="hidden" name="csrf" value="{{csrf}}"></form>
{{>CONTENT}}
