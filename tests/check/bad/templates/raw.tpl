{{%AUTOESCAPE context="HTML"}}
<p>
{{name:none}}</p>
