{{%AUTOESCAPE context="HTML"}}<h1>Who receives concerns</h1>
<p class="lead">Each category of concern goes to everyone holding the roles ticked. A concern about the headteacher always goes to the chair of governors only, and the person a concern is about never sees it.</p>
<p class="hint">Changes apply to concerns reported from now on; earlier concerns keep the people they were sent to.</p>
<form class="stack card" method="post" action="/admin/routing">
<input type="hidden" name="csrf" value="{{csrf}}">
{{#routing}}<fieldset id="f-{{category}}"><legend>{{label}}</legend>
{{#roles}}<label class="checkbox" for="f-{{category}}-{{role}}"><input type="checkbox" id="f-{{category}}-{{role}}" name="{{category}}" value="{{role}}"{{#held}} checked{{/held}}> {{role}}</label>
{{/roles}}</fieldset>
{{/routing}}
<div class="actions"><button class="btn" type="submit">Save routing</button> <a class="btn secondary" href="/admin/staff">Back to administration</a></div>
</form>
