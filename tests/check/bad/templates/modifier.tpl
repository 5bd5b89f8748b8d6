{{%AUTOESCAPE context="HTML"}}
<a href="{{url:url_query_escape}}">x</a>
<p>{{at:x-uk-times}}</p>
<p>{{role:x-role=dsl}} {{status:x-status}}</p>
