{{%AUTOESCAPE context="HTML"}}<h1 class="{{kind}}">{{name}}</h1>
{{#has_items}}<p>{{items_count}} items</p>{{/has_items}}{{#not_items}}<p>none</p>{{/not_items}}
<ul>{{#items}}<li title="{{item}}">{{item}} {{name}} {{label}}</li>{{/items}}</ul>
{{#obj}}<p>{{a}} {{b}}</p>{{/obj}}<p>{{obj_a}}</p>
{{#flag}}<em>{{flag}}</em>{{/flag}}{{#not_flag}}<em>off</em>{{/not_flag}}
<a href="/x?q={{query:u}}">{{label}}</a>
<div>{{body:x-markdown}}</div>
<span class="multiline">{{name:pre_escape}}</span><textarea name="t">&#10;{{label:pre_escape}}</textarea>
