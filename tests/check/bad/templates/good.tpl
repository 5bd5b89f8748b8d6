{{%AUTOESCAPE context="HTML"}}
<p>{{name}}</p>
<div>{{body:x-markdown}}</div>
<span>{{note:pre_escape}}</span>
